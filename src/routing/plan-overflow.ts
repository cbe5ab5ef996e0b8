/** A team's overflow setting, as the plan reads it. */
export type OverflowTeam = {
  id: string;
  name: string;
  overflowTeam: string | null;
  overflowAfterSeconds: number | null;
};

/** A conversation to move to its team's fallback team. */
export type OverflowMove = { conversationId: string; from: OverflowTeam; to: string };

/** Decides which queued conversations waited past their team's overflow time and where they go. */
export function planOverflow(
  queued: readonly { id: string; team: string; queuedAt: number }[],
  teams: ReadonlyMap<string, OverflowTeam>,
  nowMs: number,
): OverflowMove[] {
  return queued.flatMap((q) => {
    const team = teams.get(q.team);
    if (!team?.overflowTeam || team.overflowAfterSeconds == null || !teams.has(team.overflowTeam)) return [];
    if ((nowMs - q.queuedAt) / 1000 < team.overflowAfterSeconds) return [];
    return [{ conversationId: q.id, from: team, to: team.overflowTeam }];
  });
}
