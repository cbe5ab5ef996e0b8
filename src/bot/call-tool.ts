import { createGuardedFetch } from '../platform/guarded-fetch.ts';
import { TargetRefusedError } from '../platform/target-policy.ts';
import type { ToolCall } from '../protocol/bot-turn.ts';
import type { PackTool } from '../protocol/pack.ts';

/** Where a tool's records come from for one call. */
export type ToolCallOptions = {
  /** Records that replace the tool's own (a scenario's `data` for this tool): by lookup key, `"*"` for any. */
  data?: Record<string, unknown>;
  /** How to reach an HTTP tool; by default only public addresses. */
  fetch?: typeof globalThis.fetch;
};

let publicOnly: typeof globalThis.fetch | undefined;
/** Tools reach only public addresses unless the pack loader was told otherwise. */
function publicOnlyFetch(): typeof globalThis.fetch {
  publicOnly ??= createGuardedFetch([]);
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

async function callHttp(
  tool: Extract<PackTool, { kind: 'http' }>,
  key: string | null,
  fetch: typeof globalThis.fetch,
): Promise<unknown> {
  const url = tool.url.replaceAll('{{key}}', encodeURIComponent(key ?? ''));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), tool.timeoutMs);
  try {
    const response = await fetch(url, {
      method: tool.method,
      headers: {
        accept: 'application/json',
        ...tool.headers,
        ...(tool.method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      body: tool.method === 'POST' ? JSON.stringify({ key }) : undefined,
      signal: controller.signal,
    });
    if (response.status === 404) throw new Error('not found');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error('response is not JSON');
    }
  } catch (err) {
    if (controller.signal.aborted) throw new Error(`timed out after ${tool.timeoutMs} ms`);
    const cause = (err as { cause?: unknown }).cause;
    throw cause instanceof TargetRefusedError ? cause : err;
  } finally {
    clearTimeout(timer);
  }
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
      : await callHttp(tool as Extract<PackTool, { kind: 'http' }>, key, options.fetch ?? publicOnlyFetch());
    if (result === undefined || result === null) return record({ ok: false, error: 'not found' });
    return record({ ok: true, result });
  } catch (err) {
    return record({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
}
