import { latestDecision } from '../shared/message-log.ts';
import { EscalationReasons } from './escalation-reasons.tsx';
import { clockTime, customerName } from './format.ts';
import type { OpenConversation } from './use-conversation.ts';

/** The side panel: who the customer is, the conversation's facts, and why the bot escalated. */
export function ContextPanel({ open }: { open: OpenConversation }) {
  const c = open.conversation;
  if (!c) return <aside className="context" aria-label="Context" />;
  const customer = open.customer;
  const attributes = Object.entries(customer?.attributes ?? {}).filter(
    ([, v]) => v !== null && typeof v !== 'object',
  );
  const facts: [string, string | null][] = [
    ['Channel', c.channel],
    ['Started', clockTime(c.createdAt)],
    ['Queued', c.queuedAt && clockTime(c.queuedAt)],
    ['Assigned', c.assignedAt && clockTime(c.assignedAt)],
    ['Resolved', c.resolvedAt && clockTime(c.resolvedAt)],
  ];
  return (
    <aside className="context" aria-label="Context">
      <section className="card">
        <h3>Customer</h3>
        <p className="card-title">
          {customerName(customer, c.id)}
          {customer && <span className={`tier tier-${customer.tier}`}>{customer.tier}</span>}
        </p>
        <dl className="facts">
          {customer?.email && <Fact label="Email" value={customer.email} />}
          {customer?.externalId && <Fact label="Customer id" value={customer.externalId} />}
          {attributes.map(([k, v]) => (
            <Fact key={k} label={k} value={String(v)} />
          ))}
        </dl>
        {!customer && <p className="muted small">Anonymous visitor.</p>}
      </section>
      <EscalationReasons decision={latestDecision(open.messages)} />
      <section className="card">
        <h3>Conversation</h3>
        <dl className="facts">
          {facts.map(([label, value]) => value && <Fact key={label} label={label} value={value} />)}
          <Fact label="Messages" value={String(open.messages.length)} />
        </dl>
      </section>
    </aside>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
