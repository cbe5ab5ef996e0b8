import type { ErrorCode } from '../platform/errors.ts';

/** Who is acknowledging: a console user with their role and teams. */
export type Acknowledger = { id: string; role: string; teams: readonly string[] };

/** The outcome: acknowledge for a team, already acknowledged (nothing to do), or a refusal with its code. */
export type AckDecision =
  | { kind: 'ack'; team: string }
  | { kind: 'already'; team: string }
  | { kind: 'refuse'; code: ErrorCode; message: string };

/**
 * Decides which team's page a console user acknowledges: the team asked for, else the first of their teams paged
 * and not yet acknowledged. Members acknowledge for their own teams; supervisors and admins for any paged team.
 */
export function decideAcknowledge(
  incident: { status: string; pages: readonly { team: string; ackedAt: string | null }[] },
  who: Acknowledger,
  team: string | undefined,
): AckDecision {
  if (incident.status === 'resolved')
    return { kind: 'refuse', code: 'CONFLICT', message: 'the incident is already resolved' };
  const anyTeam = who.role === 'supervisor' || who.role === 'admin';
  const mine = (t: string) => anyTeam || who.teams.includes(t);
  if (team !== undefined) {
    const page = incident.pages.find((p) => p.team === team);
    if (!page)
      return { kind: 'refuse', code: 'NOT_PAGED', message: `team "${team}" was not paged for this incident` };
    if (!mine(team)) return { kind: 'refuse', code: 'NOT_IN_TEAM', message: `you are not in team "${team}"` };
    return page.ackedAt ? { kind: 'already', team } : { kind: 'ack', team };
  }
  const open = incident.pages.find((p) => !p.ackedAt && who.teams.includes(p.team));
  if (open) return { kind: 'ack', team: open.team };
  const done = incident.pages.find((p) => who.teams.includes(p.team));
  if (done) return { kind: 'already', team: done.team };
  return {
    kind: 'refuse',
    code: 'NOT_PAGED',
    message: anyTeam ? 'name the team you acknowledge for' : 'none of your teams was paged for this incident',
  };
}
