import { useEffect, useState } from 'react';
import type { Agent } from '../../src/protocol/agent.ts';
import type { ConsoleApi } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';
import { TakeChatsDialog } from './take-chats-dialog.tsx';

type Presence = 'online' | 'away' | 'offline';

/** The presence the server reports for this user (null until the connection says). */
function usePresence(socket: ConsoleSocket): [Presence | null, (p: Presence) => void] {
  const [status, setStatus] = useState<Presence | null>(null);
  useEffect(
    () =>
      socket.on((event) => {
        if (event.type === 'presence') setStatus(event.status);
      }),
    [socket],
  );
  return [status, setStatus];
}

type Props = {
  agent: Agent;
  api: ConsoleApi;
  socket: ConsoleSocket;
  onAgentChange: (agent: Agent) => void;
};

/**
 * Agents: an Online / Away switch (Away stops new offers and requeues their conversations). Supervisors and
 * admins watch by default: "Take chats" lets them choose teams and go online; pressing it again stops.
 */
export function PresenceToggle({ agent, api, socket, onAgentChange }: Props) {
  const [status, setStatus] = usePresence(socket);
  const [choosing, setChoosing] = useState(false);
  const set = (next: 'online' | 'away') => {
    setStatus(next);
    socket.setPresence(next);
  };

  if (agent.role !== 'agent') {
    const taking = status === 'online';
    return (
      <>
        <button
          type="button"
          className="presence-btn presence-take presence-online"
          aria-pressed={taking}
          title={taking ? `Taking chats of ${agent.teams.join(', ')}; press to stop` : 'Take chats yourself'}
          onClick={() => (taking ? set('away') : setChoosing(true))}
        >
          <span className="presence-dot" aria-hidden="true" />
          {taking ? 'Taking chats' : 'Take chats'}
        </button>
        {choosing && (
          <TakeChatsDialog
            api={api}
            agent={agent}
            onClose={() => setChoosing(false)}
            onStart={(updated) => {
              onAgentChange(updated);
              setChoosing(false);
              set('online');
            }}
          />
        )}
      </>
    );
  }
  return (
    <fieldset className="presence">
      <legend className="sr-only">Your availability</legend>
      {(['online', 'away'] as const).map((s) => (
        <button
          key={s}
          type="button"
          className={`presence-btn presence-${s}`}
          aria-pressed={status === s}
          onClick={() => set(s)}
        >
          <span className="presence-dot" aria-hidden="true" />
          {s === 'online' ? 'Online' : 'Away'}
        </button>
      ))}
    </fieldset>
  );
}
