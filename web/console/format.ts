import type { AuthorKind, ConversationState, Customer, Priority } from '../../src/protocol/conversation.ts';

/** "now", "5m", "3h", "2d": how long ago an ISO time was, relative to `now`. */
export function timeAgo(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(s) || s < 45) return 'now';
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86_400) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

/** "just now" or "5m ago": `timeAgo` as words. */
export function agoText(iso: string, now: number): string {
  const span = timeAgo(iso, now);
  return span === 'now' ? 'just now' : `${span} ago`;
}

/** "14:05" for a message time. */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export const stateLabels: Record<ConversationState, string> = {
  bot: 'With bot',
  queued: 'Waiting',
  assigned: 'With agent',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const priorityLabels: Record<Priority, string> = { normal: 'Normal', high: 'High', urgent: 'Urgent' };

export const authorLabels: Record<AuthorKind, string> = {
  customer: 'Customer',
  bot: 'Bot',
  agent: 'Agent',
  system: 'System',
};

/** The name to show for a customer: their name, their email, or "Visitor" with a short id. */
export function customerName(customer: Customer | null, conversationId: string): string {
  return customer?.name || customer?.email || `Visitor ${conversationId.slice(-4).toUpperCase()}`;
}

/** Two initials for an avatar. */
export function initials(name: string): string {
  const parts = name.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase();
}
