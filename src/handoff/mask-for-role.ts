import type { Message } from '../protocol/conversation.ts';
import { redactPii } from './redact-pii.ts';

/** Roles that see personal data in clear; everyone else sees the masks the context package uses. */
const clearRoles = new Set(['supervisor', 'admin']);

/** A stored bot turn as a console user of this role may see it: the customer's words and entities masked. */
export function maskTurnForRole<T extends { botTurn: Record<string, unknown> }>(turn: T, role: string): T {
  if (clearRoles.has(role)) return turn;
  return { ...turn, botTurn: redactPii(turn.botTurn).value };
}

/** A message as a console user of this role may see it: card numbers and national ids masked for agents. */
export function maskForRole(message: Message, role: string): Message {
  if (clearRoles.has(role)) return message;
  const text = redactPii(message.text).value;
  return text === message.text ? message : { ...message, text };
}
