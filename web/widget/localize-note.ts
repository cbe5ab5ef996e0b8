import { describeOpening, type Reader } from '../../src/protocol/describe-opening.ts';

/**
 * A system note as this customer reads it: when the server named a team's opening time (`opensText` for the
 * instant `opensAt`), that phrase is said again in the customer's own language and time zone.
 */
export function localizeNote(
  text: string,
  metadata: Record<string, unknown>,
  now: Date,
  reader: Reader,
): string {
  const { opensAt, opensText } = metadata;
  if (typeof opensAt !== 'string' || typeof opensText !== 'string' || !text.includes(opensText)) return text;
  const at = new Date(opensAt);
  if (Number.isNaN(at.getTime())) return text;
  return text.replace(opensText, describeOpening(at, now, reader));
}
