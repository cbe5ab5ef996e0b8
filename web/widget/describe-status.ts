import type { ChatView } from './chat-session.ts';

export type StatusLine = {
  kind: 'queued' | 'assigned' | 'offline';
  text: string;
  /** A second, quieter line. */
  detail?: string;
  /** While queued and nobody can take it now: offer to leave a message or ask for a callback. */
  offerTicket?: boolean;
};

/** The one-line status the widget shows under its header (queue place, agent joined, reconnecting), or null. */
export function describeStatus(
  view: Pick<ChatView, 'conversation' | 'connection' | 'phase'>,
): StatusLine | null {
  if (view.phase === 'active' && view.connection === 'offline') {
    return { kind: 'offline', text: 'Connection lost. Reconnecting…' };
  }
  const c = view.conversation;
  if (!c) return null;
  switch (c.state) {
    case 'queued': {
      const place = c.queuePosition
        ? `Waiting for an agent, position ${c.queuePosition}`
        : 'Waiting for an agent';
      if (c.agentsAvailable === false) {
        return {
          kind: 'queued',
          text: place,
          detail: 'Nobody is available right now. You can keep waiting or leave us a way to reach you.',
          offerTicket: true,
        };
      }
      const wait = c.estimatedWaitSeconds
        ? `Estimated wait: about ${formatWait(c.estimatedWaitSeconds)}`
        : undefined;
      return { kind: 'queued', text: place, ...(wait && { detail: wait }) };
    }
    case 'assigned':
      return { kind: 'assigned', text: 'An agent joined' };
    default:
      return null;
  }
}

/** The header's subtitle for the conversation's state. */
export function describeHeader(view: Pick<ChatView, 'conversation'>): string {
  switch (view.conversation?.state) {
    case 'queued':
      return 'Connecting you to a person';
    case 'assigned':
      return 'Chatting with a support agent';
    case 'resolved':
    case 'closed':
      return 'Conversation ended';
    default:
      return 'Virtual assistant · replies instantly';
  }
}

/** "1 min", "12 min", "2 h": a rough, friendly wait estimate. */
export function formatWait(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
