/** Codes of the learning core's refusals; the live loop maps CHANGE_NOT_APPLICABLE to 409 CONFLICT. */
export type LearningErrorCode = 'CHANGE_NOT_APPLICABLE' | 'HISTORY_INVALID';

/** A refusal of the learning core a caller can act on (a change that no longer fits the pack, bad history). */
export class LearningError extends Error {
  override name = 'LearningError';
  constructor(
    readonly code: LearningErrorCode,
    message: string,
  ) {
    super(message);
  }
}
