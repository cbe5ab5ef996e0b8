import type { InboxItem } from './api-client.ts';
import { PriorityBadge, StateBadge } from './badges.tsx';
import { authorLabels, customerName, initials, timeAgo } from './format.ts';

type Props = {
  item: InboxItem;
  selected: boolean;
  mine: boolean;
  now: number;
  /** While it waits: who declined or missed it ("You declined"), or null. */
  refused: string | null;
  onSelect: (id: string) => void;
};

/** One conversation in the inbox: who, where it stands, and the last thing said. */
export function InboxRow({ item, selected, mine, now, refused, onSelect }: Props) {
  const { conversation: c, customer, lastMessage: last } = item;
  const name = customerName(customer, c.id);
  return (
    <li>
      <button
        type="button"
        className={`row row-${c.state}${selected ? ' row-on' : ''}`}
        aria-current={selected ? 'true' : undefined}
        data-conversation-id={c.id}
        onClick={() => onSelect(c.id)}
      >
        <span className={`avatar avatar-${customer?.tier ?? 'standard'}`} aria-hidden="true">
          {initials(name)}
        </span>
        <span className="row-main">
          <span className="row-top">
            <strong className="row-name">{name}</strong>
            {customer && customer.tier !== 'standard' && (
              <span className={`tier tier-${customer.tier}`}>{customer.tier}</span>
            )}
            <span className="row-time">{timeAgo(c.updatedAt, now)}</span>
          </span>
          <span className="row-last">
            {last ? (
              <>
                <span className="row-author">
                  {last.authorKind === 'customer' ? '' : `${authorLabels[last.authorKind]}: `}
                </span>
                {last.text}
              </>
            ) : (
              <em>No messages yet</em>
            )}
          </span>
          <span className="row-tags">
            <StateBadge state={c.state} />
            <PriorityBadge priority={c.priority} />
            <span className="tag">{c.pack}</span>
            {c.team && <span className="tag">{c.team}</span>}
            {c.state === 'queued' && c.queuePosition && (
              <span className="tag">#{c.queuePosition} in queue</span>
            )}
            {c.state === 'queued' && refused && (
              <span
                className="tag tag-refused"
                title="Offered again to them after a cool-down if nobody else can take it"
              >
                {refused}
              </span>
            )}
            {mine && <span className="tag tag-mine">Mine</span>}
          </span>
        </span>
      </button>
    </li>
  );
}
