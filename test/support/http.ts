import type { Config } from '../../src/platform/config.ts';
import { type RunningBaton, type StartOptions, startBaton } from '../../src/server/start-baton.ts';

/** A JSON response as tests read it: the body is whatever JSON came back, read by the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary response bodies and assert on them
export type ApiResponse = { status: number; body: any; headers: Headers };

/** Calls Baton's JSON API; `rawBody` sends text as is (for malformed-JSON tests). */
export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  rawBody?: string,
): Promise<ApiResponse> {
  const hasBody = body !== undefined || rawBody !== undefined;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(hasBody && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** Starts Baton in this process on a free port, in memory, quiet, with the given overrides. */
export function startTestBaton(
  config: Partial<Config> = {},
  options: Omit<StartOptions, 'config'> = {},
): Promise<RunningBaton> {
  return startBaton({
    config: {
      port: 0,
      host: '127.0.0.1',
      dataDir: '',
      databaseUrl: undefined,
      redisUrl: undefined,
      logLevel: (process.env.TEST_LOG as Config['logLevel'] | undefined) ?? 'silent',
      ...config,
    },
    ...options,
  });
}

/** Signs a console user in and returns the bearer token. */
export async function loginToken(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await callApi(baseUrl, 'POST', '/api/v1/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}
