import type { Conversation, Customer } from '../../src/protocol/conversation.ts';
import { PriorityBadge, StateBadge } from './badges.tsx';
import type { ConversationAction } from './conversation-view.tsx';
import { customerName } from './format.ts';

type Props = {
  conversation: Conversation;
  customer: Customer | null;
  mine: boolean;
  busy: ConversationAction | null;
  onAction: (action: ConversationAction) => void;
};

/** Who the conversation is with, where it stands, and the actions its state allows. */
export function ConversationHeader({ conversation: c, customer, mine, busy, onAction }: Props) {
  const canTake = c.state === 'bot' || c.state === 'queued';
  const canTransfer = c.state === 'assigned' && mine;
  const canHandBack = c.state === 'queued' || (c.state === 'assigned' && mine);
  const canResolve = c.state === 'bot' || (c.state === 'assigned' && mine);
  const button = (action: ConversationAction, label: string, busyLabel: string, kind: string) => (
    <button
      type="button"
      className={`btn ${kind}`}
      disabled={busy !== null}
      onClick={() => onAction(action)}
      data-action={action}
      aria-keyshortcuts={action === 'transfer' ? 'Alt+T' : action === 'resolve' ? 'Alt+E' : undefined}
      aria-haspopup={action === 'transfer' || action === 'handBack' ? 'dialog' : undefined}
    >
      {busy === action ? busyLabel : label}
    </button>
  );
  return (
    <header className="conv-head">
      <div className="conv-title">
        <h2>{customerName(customer, c.id)}</h2>
        <div className="conv-meta">
          <StateBadge state={c.state} />
          <PriorityBadge priority={c.priority} />
          <span className="tag">{c.pack}</span>
          {c.team && <span className="tag">team: {c.team}</span>}
          {c.state === 'queued' && c.queuePosition && (
            <span className="tag">#{c.queuePosition} in queue</span>
          )}
          {c.state === 'assigned' && (
            <span className="tag">{mine ? 'Assigned to you' : 'Assigned to another agent'}</span>
          )}
        </div>
      </div>
      <div className="conv-actions">
        {canTake && button('take', 'Take over', 'Taking over…', 'btn-primary')}
        {canTransfer && button('transfer', 'Transfer', 'Transferring…', 'btn-secondary')}
        {canHandBack && button('handBack', 'Hand back to bot', 'Handing back…', 'btn-secondary')}
        {canResolve && button('resolve', 'Resolve', 'Resolving…', 'btn-success')}
      </div>
    </header>
  );
}
