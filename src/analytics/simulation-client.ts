/** A console account the simulator signs in with. */
export type SimAgent = { email: string; password: string };

/** A signed-in simulated agent. */
export type SimAgentSession = SimAgent & { id: string; teams: string[]; token: string; signedInAt: number };

const sessionRenewMs = 11 * 3600_000;

/** The simulator's HTTP client: JSON calls (5xx throws), agent sign-in and session renewal on the simulated clock. */
export function createSimulationClient(baseUrl: string, now: () => number) {
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 500) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    // biome-ignore lint/suspicious/noExplicitAny: the simulator reads a few known fields of API responses
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  };

  const signIn = async (a: SimAgent): Promise<SimAgentSession> => {
    const login = await call('POST', '/api/v1/auth/login', { email: a.email, password: a.password });
    if (login.status !== 200) throw new Error(`cannot sign in as ${a.email}: ${JSON.stringify(login.body)}`);
    return {
      ...a,
      id: login.body.agent.id,
      teams: login.body.agent.teams,
      token: login.body.token,
      signedInAt: now(),
    };
  };

  return {
    call,
    signIn,
    /** The agent's token, signing in again before the 12-hour console session ends. */
    async tokenOf(a: SimAgentSession): Promise<string> {
      if (now() - a.signedInAt > sessionRenewMs) Object.assign(a, await signIn(a));
      return a.token;
    },
  };
}
