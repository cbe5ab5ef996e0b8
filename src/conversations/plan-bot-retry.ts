/** Failed attempts at answering one customer message before the bot apologises instead. */
export const botAnswerAttempts = 3;

/** The longest wait between two attempts. */
const maxDelayMs = 60_000;

/** What to try next for a customer message after `failures` failed attempts at it. */
export type BotRetryPlan = {
  /** `answer`: run the bot turn again; `apologize`: tell the customer, and hand over to a person if the bot holds the conversation. */
  next: 'answer' | 'apologize';
  /** How long nobody tries again: doubling from one second, at most a minute. */
  delayMs: number;
};

/** Decides when and how to try again after a failed bot turn (an exception, a database error). */
export function planBotRetry(failures: number): BotRetryPlan {
  const delayMs = failures <= 0 ? 0 : Math.min(1000 * 2 ** (failures - 1), maxDelayMs);
  return { next: failures < botAnswerAttempts ? 'answer' : 'apologize', delayMs };
}
