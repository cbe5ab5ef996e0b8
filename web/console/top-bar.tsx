import { useEffect, useState } from 'react';
import type { Agent } from '../../src/protocol/agent.ts';
import type { SocketStatus } from '../shared/reconnecting-socket.ts';
import { AlertSettings } from './alert-settings.tsx';
import type { ConsoleApi } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';
import { initials } from './format.ts';
import { Logo } from './logo.tsx';
import type { AlertPrefs } from './plan-offer-alerts.ts';
import { PresenceToggle } from './presence-toggle.tsx';
import type { View } from './read-route.ts';

type Props = {
  agent: Agent;
  api: ConsoleApi;
  socket: ConsoleSocket;
  /** The signed-in user changed (a supervisor chose teams to take chats of). */
  onAgentChange: (agent: Agent) => void;
  alertPrefs: AlertPrefs;
  onAlertPrefs: (prefs: AlertPrefs) => void;
  view: View;
  ticketCount: number;
  onView: (view: View) => void;
  onSignOut: () => void;
};

/**
 * The header: brand, the views (the dashboard for supervisors and admins), live connection state, presence,
 * who is signed in, and sign out.
 */
export function TopBar(props: Props) {
  const {
    agent,
    api,
    socket,
    onAgentChange,
    alertPrefs,
    onAlertPrefs,
    view,
    ticketCount,
    onView,
    onSignOut,
  } = props;
  const [status, setStatus] = useState<SocketStatus>(socket.status);
  useEffect(() => {
    setStatus(socket.status);
    return socket.onStatus(setStatus);
  }, [socket]);
  const live = status === 'ready';
  return (
    <header className="top-bar">
      <Logo compact />
      <span className="top-title">Agent console</span>
      <span className={`conn ${live ? 'conn-live' : 'conn-off'}`} role="status">
        <span className="conn-dot" aria-hidden="true" />
        {live ? 'Live' : status === 'offline' ? 'Reconnecting…' : 'Connecting…'}
      </span>
      <nav className="views" aria-label="Views">
        <button
          type="button"
          className="view-btn"
          aria-current={view === 'conversations' ? 'page' : undefined}
          onClick={() => onView('conversations')}
        >
          Conversations
        </button>
        <button
          type="button"
          className="view-btn"
          aria-current={view === 'tickets' ? 'page' : undefined}
          onClick={() => onView('tickets')}
        >
          Messages &amp; callbacks
          {ticketCount > 0 && <span className="view-count">{ticketCount}</span>}
        </button>
        {agent.role !== 'agent' && (
          <button
            type="button"
            className="view-btn"
            aria-current={view === 'dashboard' ? 'page' : undefined}
            onClick={() => onView('dashboard')}
          >
            Dashboard
          </button>
        )}
        {agent.role !== 'agent' && (
          <button
            type="button"
            className="view-btn"
            aria-current={view === 'improve' ? 'page' : undefined}
            onClick={() => onView('improve')}
          >
            Improve
          </button>
        )}
        {agent.role === 'admin' && (
          <button
            type="button"
            className="view-btn"
            aria-current={view === 'settings' ? 'page' : undefined}
            onClick={() => onView('settings')}
          >
            Settings
          </button>
        )}
      </nav>
      <span className="spacer" />
      <AlertSettings prefs={alertPrefs} onChange={onAlertPrefs} />
      <PresenceToggle agent={agent} api={api} socket={socket} onAgentChange={onAgentChange} />
      <span className="me">
        <span className="avatar" aria-hidden="true">
          {initials(agent.name)}
        </span>
        <span className="me-text">
          <strong>{agent.name}</strong>
          <small title={agent.teams.join(', ')}>
            {agent.role}
            {agent.teams.length > 0 && ` · ${agent.teams.join(', ')}`}
          </small>
        </span>
      </span>
      <button type="button" className="btn btn-ghost" onClick={onSignOut}>
        Log out
      </button>
    </header>
  );
}
