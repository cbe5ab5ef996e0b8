import type { Decision, EscalateDecision } from '../protocol/decision.ts';
import type { LocaleWords } from './locale-words.ts';

/** A "yes" (in the pack's language) right after the bot offered a person turns that offer into the handoff. */
export function acceptOffer(
  previous: Decision | undefined,
  text: string,
  words: Pick<LocaleWords, 'accepts'>,
): EscalateDecision | null {
  if (previous?.kind !== 'offer' || !words.accepts.test(text)) return null;
  return {
    ...previous,
    kind: 'handoff',
    reasons: [...previous.reasons, 'The customer accepted the offer of a person.'],
  };
}
