import { describeOpening } from '../protocol/describe-opening.ts';

/**
 * When a closed team is back, for the stored note that every channel reads: in the team's time zone and named
 * ("Monday at 9:00 AM Eastern Standard Time"), never an ISO or UTC stamp. `phrase` is what the widget replaces with the
 * same instant in the customer's own language and time zone.
 */
export function describeTeamOpening(
  opensAt: Date | null,
  now: Date,
  timezone: string | undefined,
): { text: string; phrase: string | null } {
  if (!opensAt) return { text: 'soon', phrase: null };
  const timeZone = timezone ?? 'UTC';
  const zone =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' })
      .formatToParts(opensAt)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  const phrase = `${describeOpening(opensAt, now, { locale: 'en-US', timeZone })} ${zone}`;
  return { text: phrase, phrase };
}
