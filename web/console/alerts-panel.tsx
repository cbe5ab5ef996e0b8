import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../../src/protocol/analytics.ts';
import type { ServerMessage } from '../../src/protocol/ws.ts';
import type { ConsoleSocket } from './console-socket.ts';
import { agoText } from './format.ts';
import { routeHash } from './read-route.ts';
import type { ApiData } from './use-api-data.ts';
import { useNow } from './use-now.ts';

/** A notice that reached the dashboard over the live connection, with when it arrived. */
export type LiveNotice = Extract<ServerMessage, { type: 'notice' }> & { key: number; at: number };

const eventLabels: Record<string, string> = {
  'sla.breached': 'SLA breach',
  spike: 'Handoff spike',
  'ticket.created': 'Message left',
};

/** The notices (SLA breaches, spikes, new tickets, ...) that arrive while the dashboard is open, newest first. */
export function useLiveNotices(socket: ConsoleSocket, keep = 12): LiveNotice[] {
  const [notices, setNotices] = useState<LiveNotice[]>([]);
  const next = useRef(0);
  useEffect(
    () =>
      socket.on((event) => {
        if (event.type !== 'notice') return;
        const notice = { ...event, key: next.current++, at: Date.now() };
        setNotices((prev) => [notice, ...prev].slice(0, keep));
      }),
    [socket, keep],
  );
  return notices;
}

/** Spike alerts (open and cleared) and the live notices of this session. */
export function AlertsPanel({
  alerts,
  notices,
}: {
  alerts: ApiData<Alert[]>;
  notices: readonly LiveNotice[];
}) {
  const now = useNow(15_000);
  const list = alerts.data ?? [];
  const open = list.filter((a) => a.clearedAt === null).length;
  return (
    <section className="dash-card" aria-labelledby="alerts-title" data-chart="alerts">
      <header className="dash-card-head">
        <div>
          <h3 id="alerts-title">Alerts</h3>
          <p className="dash-card-sub">
            Handoff spikes{open > 0 ? ` · ${open} open` : ''}, and what happens live while this page is open
          </p>
        </div>
      </header>
      {alerts.error && (
        <p className="inline-error" role="alert">
          {alerts.error}
        </p>
      )}
      <h4 className="dash-subhead">Spike alerts</h4>
      {list.length === 0 ? (
        <p className="muted small empty-line">
          {alerts.loading ? 'Loading…' : 'No handoff spikes detected.'}
        </p>
      ) : (
        <ul className="alert-list">
          {list.map((a) => (
            <li key={a.id} className={`alert-item alert-${a.clearedAt ? 'cleared' : a.level}`}>
              <div className="alert-top">
                <span className={`pill ${a.clearedAt ? 'pill-closed' : 'pill-warn'}`}>
                  {a.clearedAt ? 'Cleared' : 'Open'}
                </span>
                <time
                  className="muted small"
                  dateTime={a.raisedAt}
                  title={new Date(a.raisedAt).toLocaleString()}
                >
                  raised {agoText(a.raisedAt, now)}
                </time>
              </div>
              <p>{a.text}</p>
            </li>
          ))}
        </ul>
      )}
      <h4 className="dash-subhead">
        Live notices <span className="live-dot" aria-hidden="true" />
      </h4>
      {notices.length === 0 ? (
        <p className="muted small empty-line">
          Nothing yet. SLA breaches, spikes and new messages appear here as they happen.
        </p>
      ) : (
        <ul className="alert-list" aria-live="polite">
          {notices.map((n) => (
            <li key={n.key} className={`alert-item alert-${n.level}`} data-event={n.event}>
              <div className="alert-top">
                <span
                  className={`pill pill-${n.level === 'critical' ? 'bad' : n.level === 'warning' ? 'warn' : 'info'}`}
                >
                  {eventLabels[n.event] ?? n.event}
                </span>
                <span className="muted small">{agoText(new Date(n.at).toISOString(), now)}</span>
              </div>
              <p>
                {n.text}
                {n.conversationId && (
                  <>
                    {' '}
                    <a href={routeHash({ view: 'conversations', id: n.conversationId })}>Open</a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
