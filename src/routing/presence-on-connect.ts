import type { PresenceStatus } from './routing-store.ts';

/**
 * The presence a console user gets when their console connects. Agents come online from offline, and keep
 * an Away they chose (or were set to) until they change it. Supervisors and admins take chats only when they
 * choose to: a connection makes them away, never online.
 */
export function presenceOnConnect(
  role: 'agent' | 'supervisor' | 'admin',
  current: PresenceStatus,
): PresenceStatus {
  if (current !== 'offline') return current;
  return role === 'agent' ? 'online' : 'away';
}
