import { type ReactNode, useMemo, useState } from 'react';
import { type InboxScope, scopeInbox } from '../../src/protocol/scope-inbox.ts';
import type { InboxItem, QueueRefusal } from './api-client.ts';
import { describeRefusals } from './describe-refusals.ts';
import { InboxRow } from './inbox-row.tsx';
import type { Inbox } from './use-inbox.ts';
import { useNow } from './use-now.ts';

type Filter = 'all' | 'queued' | 'mine' | 'bot';
const filters: { id: Filter; label: string; test: (i: InboxItem, me: string) => boolean }[] = [
  { id: 'all', label: 'All', test: () => true },
  { id: 'queued', label: 'Waiting', test: (i) => i.conversation.state === 'queued' },
  { id: 'mine', label: 'Mine', test: (i, me) => i.conversation.assigneeId === me },
  { id: 'bot', label: 'Bot', test: (i) => i.conversation.state === 'bot' },
];
const priorityRank = { urgent: 0, high: 1, normal: 2 } as const;
const stateRank = { queued: 0, assigned: 1, bot: 2, resolved: 3, closed: 4 } as const;

type Props = {
  inbox: Inbox;
  selectedId: string | null;
  onSelect: (id: string) => void;
  agentId: string;
  /** Who declined or missed each waiting conversation. */
  refusals: ReadonlyMap<string, QueueRefusal[]>;
  /** Whose conversations: the viewer's teams, or every team (supervisors and admins may widen it). */
  scope: InboxScope;
  /** Set for supervisors and admins only: switches between their teams and every team. */
  onScope?: (scope: InboxScope) => void;
  viewer: { agentId: string; role: 'agent' | 'supervisor' | 'admin'; teams: readonly string[] };
  /** Shown above the list (the offers waiting for this agent). */
  children?: ReactNode;
};

/** The open conversations, filterable, most urgent first. */
export function InboxList(props: Props) {
  const { inbox, selectedId, onSelect, agentId, refusals, scope, onScope, viewer, children } = props;
  const [filter, setFilter] = useState<Filter>('all');
  const [team, setTeam] = useState('');
  const [priority, setPriority] = useState('');
  const now = useNow();
  const active = filters.find((f) => f.id === filter)!;
  // Live events may carry other teams' conversations: the same scope as the server's applies here.
  const scoped = useMemo(() => {
    const r = scopeInbox(
      inbox.items.map((i) => ({ ...i, team: i.conversation.team, assigneeId: i.conversation.assigneeId })),
      viewer,
      scope,
    );
    return r.kind === 'ok' ? r.items : [];
  }, [inbox.items, viewer, scope]);
  const teams = useMemo(
    () => [...new Set(scoped.flatMap((i) => (i.conversation.team ? [i.conversation.team] : [])))].sort(),
    [scoped],
  );
  const visible = scoped.filter(
    (i) => (!team || i.conversation.team === team) && (!priority || i.conversation.priority === priority),
  );
  const rows = visible.filter((i) => active.test(i, agentId)).sort(byUrgency);

  return (
    <nav className="inbox" aria-label="Open conversations">
      <div className="inbox-head">
        <h2>Inbox</h2>
        <span className="count">
          {scoped.length}
          {inbox.hasMore ? '+' : ''}
        </span>
      </div>
      {children}
      <div className="inbox-filters">
        {onScope && (
          <label>
            <span className="sr-only">Whose conversations</span>
            <select value={scope} onChange={(e) => onScope(e.currentTarget.value as InboxScope)}>
              <option value="all">All teams</option>
              <option value="teams">My teams</option>
            </select>
          </label>
        )}
        <label>
          <span className="sr-only">Team</span>
          <select value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
            <option value="">Every team</option>
            {teams.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="sr-only">Priority</span>
          <select value={priority} onChange={(e) => setPriority(e.currentTarget.value)}>
            <option value="">Any priority</option>
            <option value="urgent">Urgent</option>
            <option value="high">High</option>
            <option value="normal">Normal</option>
          </select>
        </label>
      </div>
      <div className="tabs" role="tablist" aria-label="Filter conversations">
        {filters.map((f) => (
          <button
            key={f.id}
            type="button"
            role="tab"
            aria-selected={f.id === filter}
            className={f.id === filter ? 'tab tab-on' : 'tab'}
            onClick={() => setFilter(f.id)}
          >
            {f.label}
            <span className="tab-count">{visible.filter((i) => f.test(i, agentId)).length}</span>
          </button>
        ))}
      </div>
      {inbox.error && (
        <div className="inline-error" role="alert">
          {inbox.error}{' '}
          <button type="button" className="link" onClick={inbox.reload}>
            Retry
          </button>
        </div>
      )}
      <ul className="inbox-rows">
        {rows.map((item) => (
          <InboxRow
            key={item.conversation.id}
            item={item}
            selected={item.conversation.id === selectedId}
            mine={item.conversation.assigneeId === agentId}
            now={now}
            refused={describeRefusals(refusals.get(item.conversation.id) ?? [], agentId)}
            onSelect={onSelect}
          />
        ))}
      </ul>
      {inbox.hasMore && (filter === 'all' || filter === 'bot') && (
        <div className="inbox-more">
          <button type="button" className="link" onClick={inbox.loadMore} disabled={inbox.loadingMore}>
            {inbox.loadingMore ? 'Loading…' : 'Load more conversations'}
          </button>
        </div>
      )}
      {!inbox.loading && rows.length === 0 && (
        <div className="empty-small">
          <strong>All clear</strong>
          <span>No open conversations here. New ones appear live.</span>
        </div>
      )}
    </nav>
  );
}

function byUrgency(a: InboxItem, b: InboxItem): number {
  const x = a.conversation;
  const y = b.conversation;
  return (
    priorityRank[x.priority] - priorityRank[y.priority] ||
    stateRank[x.state] - stateRank[y.state] ||
    y.updatedAt.localeCompare(x.updatedAt)
  );
}
