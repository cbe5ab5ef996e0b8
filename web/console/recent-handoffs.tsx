import type { RecentHandoff } from '../../src/protocol/analytics.ts';
import type { ConversationState } from '../../src/protocol/conversation.ts';
import { PriorityBadge, StateBadge } from './badges.tsx';
import { agoText } from './format.ts';
import { humanize } from './format-metrics.ts';
import { routeHash } from './read-route.ts';
import type { ApiData } from './use-api-data.ts';
import { useNow } from './use-now.ts';

const states = new Set(['bot', 'queued', 'assigned', 'resolved', 'closed']);

/** The latest handoffs the policy decided, each with its explanation and a link to the conversation. */
export function RecentHandoffs({
  handoffs,
  teamName,
  packName,
}: {
  handoffs: ApiData<RecentHandoff[]>;
  teamName: (id: string) => string;
  packName: (id: string) => string;
}) {
  const now = useNow();
  const rows = handoffs.data ?? [];
  return (
    <section className="dash-card" aria-labelledby="recent-handoffs-title" data-chart="recent-handoffs">
      <header className="dash-card-head">
        <div>
          <h3 id="recent-handoffs-title">Recent handoffs</h3>
          <p className="dash-card-sub">
            The latest decisions to hand off or offer a person, and why the policy made them
          </p>
        </div>
      </header>
      {handoffs.error && (
        <p className="inline-error" role="alert">
          {handoffs.error}
        </p>
      )}
      {rows.length === 0 ? (
        <div className="chart-empty">
          <span>{handoffs.loading ? 'Loading handoffs…' : 'No handoffs yet.'}</span>
        </div>
      ) : (
        <ol className="handoff-list">
          {rows.map((h) => {
            const [headline, ...more] = h.reasons;
            return (
              <li
                key={`${h.conversationId}:${h.turn}`}
                className="handoff-item"
                data-conversation-id={h.conversationId}
                data-pack={h.pack}
              >
                <div className="handoff-top">
                  <a
                    className="handoff-link"
                    href={routeHash({ view: 'conversations', id: h.conversationId })}
                  >
                    Conversation {h.conversationId.slice(-6).toUpperCase()}
                  </a>
                  {states.has(h.state) && <StateBadge state={h.state as ConversationState} />}
                  <span className="spacer" />
                  <time
                    className="muted small"
                    dateTime={h.decidedAt}
                    title={new Date(h.decidedAt).toLocaleString()}
                  >
                    {agoText(h.decidedAt, now)}
                  </time>
                </div>
                <div className="handoff-tags">
                  <span className={`pill ${h.kind === 'offer' ? 'pill-offer' : 'pill-handoff'}`}>
                    {h.kind === 'offer' ? 'Offered a person' : 'Handed off'}
                  </span>
                  {h.priority && <PriorityBadge priority={h.priority} />}
                  {h.team && <span className="tag tag-team">{teamName(h.team)}</span>}
                  <span className="tag">{packName(h.pack)}</span>
                  {h.rule && (
                    <span className="handoff-rule">
                      Rule: <strong>{humanize(h.rule)}</strong>
                    </span>
                  )}
                </div>
                {headline && <p className="handoff-reason">{headline}</p>}
                {more.length > 0 && (
                  <ul className="handoff-more">
                    {more.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                )}
                {h.intent && <p className="muted small">Intent: {humanize(h.intent)}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
