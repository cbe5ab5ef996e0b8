import { useEffect, useRef, useState } from 'react';
import type { ServerMessage } from '../../src/protocol/ws.ts';
import type { ConsoleSocket } from './console-socket.ts';

type Notice = Extract<ServerMessage, { type: 'notice' }> & { key: number };

/** Live notices from the server (SLA breaches, spikes, agents gone offline); critical ones stay until dismissed. */
export function NoticeStack({
  socket,
  onOpen,
}: {
  socket: ConsoleSocket;
  onOpen: (conversationId: string) => void;
}) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(0);

  useEffect(
    () =>
      socket.on((event) => {
        if (event.type !== 'notice') return;
        const notice = { ...event, key: next.current++ };
        setNotices((prev) => [...prev.slice(-4), notice]);
        if (notice.level !== 'critical') {
          setTimeout(() => setNotices((prev) => prev.filter((n) => n.key !== notice.key)), 10_000);
        }
      }),
    [socket],
  );

  const dismiss = (key: number) => setNotices((prev) => prev.filter((n) => n.key !== key));
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="log" aria-live="assertive" aria-label="Notices">
      {notices.map((n) => (
        <div key={n.key} className={`notice-card notice-${n.level}`}>
          <span className="notice-text">{n.text}</span>
          {n.conversationId && (
            <button type="button" className="link" onClick={() => onOpen(n.conversationId!)}>
              Open
            </button>
          )}
          <button
            type="button"
            className="notice-close"
            aria-label="Dismiss notice"
            onClick={() => dismiss(n.key)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
