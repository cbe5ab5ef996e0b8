import { useEffect, useState } from 'react';
import type { ConsoleSocket } from './console-socket.ts';

type Presence = 'online' | 'away' | 'offline';

/** Online / Away switch; Away stops new offers (and the router requeues this agent's conversations). */
export function PresenceToggle({ socket }: { socket: ConsoleSocket }) {
  const [status, setStatus] = useState<Presence>('online');
  useEffect(
    () =>
      socket.on((event) => {
        if (event.type === 'presence') setStatus(event.status);
      }),
    [socket],
  );
  const choose = (next: 'online' | 'away') => {
    setStatus(next);
    socket.setPresence(next);
  };
  return (
    <fieldset className="presence">
      <legend className="sr-only">Your availability</legend>
      {(['online', 'away'] as const).map((s) => (
        <button
          key={s}
          type="button"
          className={`presence-btn presence-${s}`}
          aria-pressed={status === s}
          onClick={() => choose(s)}
        >
          <span className="presence-dot" aria-hidden="true" />
          {s === 'online' ? 'Online' : 'Away'}
        </button>
      ))}
    </fieldset>
  );
}
