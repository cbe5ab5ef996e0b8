/** Whose conversations an inbox shows: the viewer's teams (the default), or every team (supervisors and admins). */
export type InboxScope = 'teams' | 'all';

/** The inbox as scoped: no role may ask for more than it sees, and "no" is a value the route turns into a refusal. */
export type ScopeDecision<T> = { kind: 'ok'; items: T[] } | { kind: 'refused'; reason: string };

/**
 * Keeps the conversations the viewer should see: with `teams`, those waiting for or held by one of their teams,
 * those assigned to them, and those the bot still holds (no team yet); `all` is for supervisors and admins.
 */
export function scopeInbox<T extends { team: string | null; assigneeId: string | null }>(
  conversations: readonly T[],
  viewer: { agentId: string; role: 'agent' | 'supervisor' | 'admin'; teams: readonly string[] },
  scope: InboxScope,
): ScopeDecision<T> {
  if (scope === 'all') {
    return viewer.role === 'agent'
      ? { kind: 'refused', reason: "agents see their own teams' conversations only" }
      : { kind: 'ok', items: [...conversations] };
  }
  const mine = new Set(viewer.teams);
  return {
    kind: 'ok',
    items: conversations.filter(
      (c) => c.team === null || mine.has(c.team) || c.assigneeId === viewer.agentId,
    ),
  };
}
