import type { LiveQueue } from './api-client.ts';
import { formatDuration } from './format-metrics.ts';
import type { ApiData } from './use-api-data.ts';

/** A queue needs attention: SLA at risk or breached, or customers waiting with nobody free to take them. */
export function queueAtRisk(q: LiveQueue): boolean {
  return q.slaAtRisk > 0 || q.slaBreached > 0 || (q.depth > 0 && q.open && q.freeSlots === 0);
}

/** Queues needing attention first, then the deepest, then by name. */
function byUrgency(a: LiveQueue, b: LiveQueue): number {
  return (
    Number(queueAtRisk(b)) - Number(queueAtRisk(a)) ||
    b.slaBreached - a.slaBreached ||
    b.depth - a.depth ||
    a.name.localeCompare(b.name)
  );
}

/** Every team's queue right now: waiting, oldest wait, agents online, free slots, SLA at risk and breached, open or closed. */
export function LiveQueues({ queues }: { queues: ApiData<LiveQueue[]> }) {
  const rows = [...(queues.data ?? [])].sort(byUrgency);
  const waiting = rows.reduce((n, q) => n + q.depth, 0);
  const risky = rows.filter(queueAtRisk).length;
  return (
    <section className="dash-card dash-card-wide" aria-labelledby="live-queues-title" data-chart="queues">
      <header className="dash-card-head">
        <div>
          <h3 id="live-queues-title">Live queues</h3>
          <p className="dash-card-sub">
            {waiting} waiting across {rows.length} teams
            {risky > 0 ? ` · ${risky} need attention` : ''} · refreshed every 5 s and on live events
          </p>
        </div>
        <div className="dash-card-aside">
          <span className="live-dot" aria-hidden="true" />
          <span className="muted small">
            {queues.updatedAt ? `Updated ${new Date(queues.updatedAt).toLocaleTimeString()}` : 'Loading…'}
          </span>
        </div>
      </header>
      {queues.error && (
        <p className="inline-error" role="alert">
          {queues.error}
        </p>
      )}
      {rows.length === 0 ? (
        <div className="chart-empty">
          <span>{queues.loading ? 'Loading queues…' : 'No teams are set up.'}</span>
        </div>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard to scroll it
        <section className="table-scroll" aria-label="Live queues table" tabIndex={0}>
          <table className="queue-table">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Hours</th>
                <th scope="col" className="num">
                  Waiting
                </th>
                <th scope="col" className="num">
                  Oldest wait
                </th>
                <th scope="col" className="num">
                  Agents online
                </th>
                <th scope="col" className="num">
                  Free slots
                </th>
                <th scope="col" className="num">
                  SLA at risk
                </th>
                <th scope="col" className="num">
                  SLA breached
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((q) => (
                <tr key={q.team} className={queueAtRisk(q) ? 'queue-risk' : undefined} data-team={q.team}>
                  <th scope="row">
                    <span className="queue-name">{q.name}</span>
                    <span className="queue-id">{q.team}</span>
                  </th>
                  <td>
                    <span className={`pill ${q.open ? 'pill-open' : 'pill-closed'}`}>
                      {q.open ? 'Open' : 'Closed'}
                    </span>
                  </td>
                  <td className="num">
                    <strong>{q.depth}</strong>
                  </td>
                  <td className="num">{q.depth > 0 ? formatDuration(q.oldestWaitSeconds) : '–'}</td>
                  <td className="num">{q.agentsOnline}</td>
                  <td className={`num${q.depth > 0 && q.freeSlots === 0 ? ' cell-bad' : ''}`}>
                    {q.freeSlots}
                  </td>
                  <td className={`num${q.slaAtRisk > 0 ? ' cell-warn' : ''}`}>{q.slaAtRisk}</td>
                  <td className={`num${q.slaBreached > 0 ? ' cell-bad' : ''}`}>{q.slaBreached}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
