import { z } from 'zod';
import { inspectJson } from './inspect-json.ts';

/** How large a free-form object may be: keys and items at every level, nesting depth, and JSON size in bytes. */
export type FreeformLimits = { maxEntries: number; maxDepth: number; maxBytes: number };

/** Customer attributes: a CRM's facts about a customer, shown to agents. */
export const attributeLimits: FreeformLimits = { maxEntries: 200, maxDepth: 5, maxBytes: 16 * 1024 };
/** Another bot's context at a handoff (intent, slots, scores), kept as given for the agent. */
export const contextLimits: FreeformLimits = { maxEntries: 500, maxDepth: 8, maxBytes: 32 * 1024 };

const encoder = new TextEncoder();

/** A free-form JSON object from a caller, bounded so that one request cannot store an unbounded document. */
export function freeformObject(limits: FreeformLimits) {
  return z
    .record(z.string().min(1).max(200), z.unknown())
    .describe(
      `free-form JSON: at most ${limits.maxEntries} keys and items in all, ${limits.maxDepth} levels, ${limits.maxBytes} bytes`,
    )
    .superRefine((value, ctx) => {
      // The object itself is one level: its values may nest maxDepth - 1 more.
      const shape = inspectJson(value, { maxDepth: limits.maxDepth });
      if (shape.problem) {
        ctx.addIssue({ code: 'custom', message: shape.problem.message, path: shape.problem.segments });
        return;
      }
      if (shape.entries > limits.maxEntries) {
        ctx.addIssue({
          code: 'custom',
          message: `must hold at most ${limits.maxEntries} keys and items in all (has ${shape.entries})`,
        });
        return;
      }
      const bytes = encoder.encode(JSON.stringify(value)).length;
      if (bytes > limits.maxBytes)
        ctx.addIssue({
          code: 'custom',
          message: `must be at most ${limits.maxBytes} bytes as JSON (is ${bytes})`,
        });
    });
}
