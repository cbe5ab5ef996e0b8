import type { Detector } from './detector.ts';

const NOT_FOUND = /not.?found|no (record|match|such)|unknown (key|id)|missing key/i;

/** Bot or tool error: fail toward a human when the bot itself or a lookup broke on this turn. */
export const detectBotError: Detector = (ctx) => {
  const evidence: string[] = [];
  let score = 0;
  if (ctx.current.error) {
    score = 1;
    evidence.push(`bot error: ${ctx.current.error}`);
  }
  for (const call of ctx.current.tools) {
    if (call.ok || NOT_FOUND.test(call.error ?? '')) continue;
    score = Math.max(score, 0.8);
    evidence.push(`tool ${call.tool} failed${call.error ? `: ${call.error}` : ''}`);
  }
  return score > 0 ? [{ detector: 'bot_error', score, peak: score, evidence }] : [];
};
