/** The console user claiming a conversation, with how many conversations they hold now. */
export type Claimant = {
  role: 'agent' | 'supervisor' | 'admin';
  teams: readonly string[];
  skills: readonly string[];
  capacity: number;
  assigned: number;
};

/** The conversation's team: its id (null while no team holds it) and the skills that stand in for membership. */
export type ClaimTarget = { team: string | null; teamSkills: readonly string[] };

/** A rule a supervisor or admin set aside; recorded in the conversation log. */
export type ClaimOverride = 'team' | 'capacity';

/** Whether the claim may go ahead, and which rules a supervisor or admin overrode to make it. */
export type ClaimDecision =
  | { kind: 'allow'; overrides: ClaimOverride[] }
  | { kind: 'refuse'; code: 'NOT_IN_TEAM' | 'AGENT_AT_CAPACITY'; reason: string };

const holdsAll = (have: readonly string[], need: readonly string[]) => need.every((s) => have.includes(s));

/**
 * Decides a claim. `take`: someone picks a conversation up by hand; agents may take only conversations of
 * their own teams (or whose team skills they hold, as the router counts them) and within their capacity, and
 * supervisors and admins may override both. `offer`: accepting what the router (or a transfer) offered; the
 * offer stands for the team, capacity still holds for everyone.
 */
export function canClaim(who: Claimant, target: ClaimTarget, via: 'take' | 'offer'): ClaimDecision {
  const overrides: ClaimOverride[] = [];
  const supervises = who.role !== 'agent';
  const inTeam =
    target.team === null ||
    who.teams.includes(target.team) ||
    (target.teamSkills.length > 0 && holdsAll(who.skills, target.teamSkills));
  if (via === 'take' && !inTeam) {
    if (!supervises)
      return {
        kind: 'refuse',
        code: 'NOT_IN_TEAM',
        reason: `this conversation belongs to the ${target.team} team, which you are not in`,
      };
    overrides.push('team');
  }
  if (who.assigned >= who.capacity) {
    if (via === 'offer' || !supervises)
      return {
        kind: 'refuse',
        code: 'AGENT_AT_CAPACITY',
        reason: `you hold ${who.assigned} of your ${who.capacity} conversations; finish one first`,
      };
    overrides.push('capacity');
  }
  return { kind: 'allow', overrides };
}

/** The conversation log's line for a supervisor's or admin's override. */
export function describeOverride(
  name: string,
  overrides: readonly ClaimOverride[],
  who: Pick<Claimant, 'assigned' | 'capacity'>,
  team: string | null,
): string {
  const what = overrides.map((o) =>
    o === 'team'
      ? `outside their teams (${team})`
      : `over their capacity (${who.assigned + 1} of ${who.capacity})`,
  );
  return `Override: ${name} took this conversation ${what.join(' and ')}.`;
}
