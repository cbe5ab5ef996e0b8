import { TargetRefusedError } from '../platform/target-policy.ts';
import type { PackTool } from '../protocol/pack.ts';

/** A tool that asks the company's own system over HTTP. */
export type HttpTool = Extract<PackTool, { kind: 'http' }>;

/**
 * The lookup port: how the bot reaches the systems behind its HTTP tools. The server looks over the network;
 * `eval` and `replay` look offline, so a scenario or a stored conversation never calls anyone.
 */
export type ToolLookup = (tool: HttpTool, key: string | null) => Promise<unknown>;

/** Lookups offline: an HTTP tool without scenario data fails the call instead of reaching the network. */
export const offlineLookup: ToolLookup = async (tool) => {
  throw new Error(`offline: ${tool.id} is not called (give the scenario data for it)`);
};

/** Lookups over HTTP through `fetch` (a guarded fetch decides which addresses it may reach). */
export function createHttpLookup(fetch: typeof globalThis.fetch): ToolLookup {
  return (tool, key) => callHttp(tool, key, fetch);
}

async function callHttp(
  tool: HttpTool,
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
