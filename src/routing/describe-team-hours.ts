import { type BusinessHours, isOpen, nextOpening } from './business-hours.ts';

/** Whether one of an agent's teams takes chats now, and if not, when it opens again (null: no hours ahead). */
export type TeamHoursStatus = { team: string; name: string; open: boolean; opensAt: Date | null };

/** The open/closed state of the given teams at an instant, for the console to explain why nothing is offered. */
export function describeTeamHours(
  teams: readonly { id: string; name: string; businessHours: BusinessHours | null }[],
  teamIds: readonly string[],
  now: Date,
): TeamHoursStatus[] {
  return teams
    .filter((t) => teamIds.includes(t.id))
    .map((t) => {
      const open = isOpen(t.businessHours, now);
      return { team: t.id, name: t.name, open, opensAt: open ? null : nextOpening(t.businessHours, now) };
    });
}
