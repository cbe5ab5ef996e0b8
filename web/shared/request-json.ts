import { parseForDisplay } from './display-text.ts';

/** A failed API call, carrying the server's error code and detail (RFC 9457 problem details with a `code`). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A server message as a sentence for the UI: "email or password is wrong" -> "Email or password is wrong". */
export function asSentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

let clockOffset = 0;

/** Milliseconds the server's clock is ahead of this browser's, from the last response's Date header. */
export function serverClockOffset(): number {
  return clockOffset;
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  token?: string | null;
  body?: unknown;
  signal?: AbortSignal;
};

/** Calls a JSON endpoint and returns its body; throws ApiError with the server's code and message on failure. */
export async function requestJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the server. Check your connection and try again.');
  }
  const date = Date.parse(res.headers.get('date') ?? '');
  // The Date header has whole seconds: keep the previous estimate unless this one is clearly different.
  if (!Number.isNaN(date) && Math.abs(date - Date.now() - clockOffset) > 1500)
    clockOffset = date - Date.now();
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? parseForDisplay(text) : null;
  } catch {
    // Not JSON (a proxy error page, for example): reported below with the status.
  }
  if (!res.ok) {
    const e = body as { code?: unknown; detail?: unknown } | null;
    const code = typeof e?.code === 'string' ? e.code : `HTTP_${res.status}`;
    const message =
      typeof e?.detail === 'string' ? e.detail : `The server answered ${res.status} ${res.statusText}`;
    throw new ApiError(res.status, code, asSentence(message));
  }
  return body as T;
}
