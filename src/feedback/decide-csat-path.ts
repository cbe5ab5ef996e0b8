import type { CsatPath } from '../protocol/analytics.ts';

/** Who took part in a conversation, as far as its path goes. */
export type PathFacts = { botTurns: number; agentJoined: boolean };

/** `human_only` without any bot turn, `bot_then_human` once an agent joined, else `bot_only`. */
export function decideCsatPath(facts: PathFacts): CsatPath {
  if (!facts.agentJoined) return 'bot_only';
  return facts.botTurns === 0 ? 'human_only' : 'bot_then_human';
}

/** How long a customer may change their rating. */
export const csatReplaceableMs = 24 * 3600_000;

/** What to do with a rating: store a first one, replace one given less than 24 h ago, or refuse. */
export function decideCsatWrite(
  existing: { createdAt: Date } | null,
  now: Date,
): { kind: 'create' } | { kind: 'replace' } | { kind: 'refuse'; reason: string } {
  if (!existing) return { kind: 'create' };
  if (now.getTime() - existing.createdAt.getTime() <= csatReplaceableMs) return { kind: 'replace' };
  return { kind: 'refuse', reason: 'this conversation was already rated more than 24 hours ago' };
}
