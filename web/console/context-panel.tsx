import { latestDecision } from '../shared/message-log.ts';
import type { ConsoleApi } from './api-client.ts';
import { BookAppointmentCard } from './book-appointment-card.tsx';
import { CustomerCard } from './customer-card.tsx';
import { DecisionCard } from './decision-card.tsx';
import { describeMessageDecision, describePackageDecision } from './describe-decision.ts';
import { DocumentsCard } from './documents-card.tsx';
import { clockTime } from './format.ts';
import { latestTransferNote } from './format-context.ts';
import { LabelCard } from './label-card.tsx';
import { MaskedText, useMasks } from './masked-text.tsx';
import { RedactionsCard } from './redactions-card.tsx';
import { SentimentCard } from './sentiment-card.tsx';
import { SummaryCard } from './summary-card.tsx';
import { TimelineCard } from './timeline-card.tsx';
import { ToolResultsCard } from './tool-results-card.tsx';
import type { ContextPackageState } from './use-context-package.ts';
import type { OpenConversation } from './use-conversation.ts';
import type { HandoffLabelState } from './use-handoff-label.ts';

type Props = {
  api: ConsoleApi;
  open: OpenConversation;
  pkg: ContextPackageState;
  label: HandoffLabelState;
  onError: (err: unknown) => void;
};

/** The side panel: the handoff context package (next step first), the customer, and the conversation's facts. */
export function ContextPanel({ open, pkg, label, onError, api }: Props) {
  const c = open.conversation;
  const ctx = pkg.context;
  const { canReveal } = useMasks();

  if (!c) return <aside className="context" aria-label="Context" />;
  const decision = ctx?.decision
    ? describePackageDecision(ctx.decision)
    : describeMessageDecision(latestDecision(open.messages));
  const note = latestTransferNote(open.messages);
  const facts: [string, string | null][] = [
    ['Channel', c.channel],
    ['Started', clockTime(c.createdAt)],
    ['Queued', c.queuedAt && clockTime(c.queuedAt)],
    ['Assigned', c.assignedAt && clockTime(c.assignedAt)],
    ['Resolved', c.resolvedAt && clockTime(c.resolvedAt)],
  ];

  return (
    <aside className="context" aria-label="Context">
      <div className="context-head">
        <h2>Handoff context</h2>
        {pkg.handoffs > 1 && <span className="tag">handoff {pkg.handoffs}</span>}
        {pkg.loading && <span className="muted small">Updating…</span>}
      </div>
      {pkg.error && (
        <div className="inline-error" role="alert">
          {pkg.error}{' '}
          <button type="button" className="link" onClick={pkg.reload}>
            Retry
          </button>
        </div>
      )}
      {!ctx && !pkg.loading && !pkg.error && (
        <p className="muted small context-none">
          {c.state === 'bot'
            ? 'The assistant has not handed this conversation over, so there is no context package yet.'
            : 'No context package was recorded for this conversation.'}
        </p>
      )}
      {note && (
        <section className="card card-note" aria-labelledby="note-title">
          <h3 id="note-title">Transfer note</h3>
          <p>{note.text}</p>
          <p className="muted small note-meta">{clockTime(note.createdAt)} · only agents see this</p>
        </section>
      )}
      {label.label || (label.labellable && c.state !== 'assigned') ? (
        <LabelCard state={label} onError={onError} />
      ) : null}
      {ctx?.nextStep && (
        <section className="card card-next" aria-labelledby="next-title">
          <h3 id="next-title">Suggested next step</h3>
          <p className="next-step">
            <MaskedText text={ctx.nextStep.text} path="nextStep.text" />
          </p>
        </section>
      )}
      {ctx?.summary && <SummaryCard summary={ctx.summary} headline={decision?.headline} />}
      {decision && <DecisionCard decision={decision} />}
      {ctx?.sentiment && ctx.sentiment.points.length > 0 && <SentimentCard sentiment={ctx.sentiment} />}
      {ctx?.toolResults && <ToolResultsCard results={ctx.toolResults} />}
      {!label.label && label.labellable && c.state === 'assigned' && (
        <LabelCard state={label} onError={onError} />
      )}
      <CustomerCard profile={ctx?.customer ?? null} customer={open.customer} conversationId={c.id} />
      <DocumentsCard api={api} conversationId={c.id} messageCount={open.messages.length} onError={onError} />
      <TimelineCard api={api} customerId={c.customerId} conversation={c} onError={onError} />
      {c.state === 'assigned' && <BookAppointmentCard api={api} conversation={c} onError={onError} />}
      {ctx && <RedactionsCard redactions={ctx.redactions} canReveal={canReveal} />}
      <section className="card" aria-labelledby="facts-title">
        <h3 id="facts-title">Conversation</h3>
        <dl className="facts">
          {facts.map(
            ([label, value]) =>
              value && (
                <div key={label} className="fact">
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ),
          )}
          <div className="fact">
            <dt>Messages</dt>
            <dd>{open.messages.length}</dd>
          </div>
        </dl>
      </section>
    </aside>
  );
}
