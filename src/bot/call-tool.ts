import { createGuardedFetch } from '../platform/guarded-fetch.ts';
import type { ToolCall } from '../protocol/bot-turn.ts';
import type { PackTool } from '../protocol/pack.ts';
import { createHttpLookup, type HttpTool, type ToolLookup } from './tool-lookup.ts';

/** Where a tool's records come from for one call. */
export type ToolCallOptions = {
  /** Records that replace the tool's own (a scenario's `data` for this tool): by lookup key, `"*"` for any. */
  data?: Record<string, unknown>;
  /** How to reach an HTTP tool's system; by default over the network, public addresses only. */
  lookup?: ToolLookup;
};

let publicOnly: ToolLookup | undefined;
/** Tools reach only public addresses unless told otherwise. */
function publicOnlyLookup(): ToolLookup {
  publicOnly ??= createHttpLookup(createGuardedFetch([]));
  return publicOnly;
}

/** Finds a record by key: exact, then case-insensitive, then `"*"`. */
function lookup(data: Record<string, unknown>, key: string | null): unknown {
  if (key !== null) {
    if (Object.hasOwn(data, key)) return data[key];
    const lower = key.toLowerCase();
    const match = Object.keys(data).find((k) => k.toLowerCase() === lower);
    if (match !== undefined) return data[match];
  }
  return Object.hasOwn(data, '*') ? data['*'] : undefined;
}

/** Looks a key up with one tool; a miss, an error or a timeout becomes a failed ToolCall, never a throw. */
export async function callTool(
  tool: PackTool,
  key: string | null,
  options: ToolCallOptions = {},
): Promise<ToolCall> {
  const started = performance.now();
  const record = (fields: Pick<ToolCall, 'ok'> & Partial<ToolCall>): ToolCall => ({
    tool: tool.id,
    key,
    ...fields,
    ms: Math.round((performance.now() - started) * 100) / 100,
  });
  try {
    const data = options.data ?? (tool.kind === 'static' ? tool.data : undefined);
    const result = data
      ? lookup(data, key)
      : await (options.lookup ?? publicOnlyLookup())(tool as HttpTool, key);
    if (result === undefined || result === null) return record({ ok: false, error: 'not found' });
    return record({ ok: true, result });
  } catch (err) {
    return record({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}
