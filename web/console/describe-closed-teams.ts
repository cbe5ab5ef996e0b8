import { describeOpening, type Reader } from '../../src/protocol/describe-opening.ts';
import type { TeamHours } from './api-client.ts';

/** Why nothing is offered from a team right now, one line per closed team, in the agent's own time zone. */
export function describeClosedTeams(teams: readonly TeamHours[], now: Date, reader: Reader): string[] {
  return teams
    .filter((t) => !t.open)
    .map((t) =>
      t.opensAt
        ? `${t.name} is closed until ${describeOpening(new Date(t.opensAt), now, reader, { bareToday: true })}`
        : `${t.name} is closed, with no opening hours in the coming week`,
    );
}
