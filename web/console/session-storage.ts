import type { Agent } from '../../src/protocol/agent.ts';

/** A signed-in console user, kept in sessionStorage (per tab, gone when the tab closes). */
export type ConsoleSession = { token: string; agent: Agent };

const key = 'baton-console:session';

/** Reads the session saved in this tab, or null. */
export function loadSession(): ConsoleSession | null {
  try {
    const raw = sessionStorage.getItem(key);
    const v = raw ? (JSON.parse(raw) as Partial<ConsoleSession>) : null;
    return v && typeof v.token === 'string' && v.agent ? (v as ConsoleSession) : null;
  } catch {
    return null;
  }
}

/** Saves (or, with null, forgets) the session of this tab. */
export function saveSession(session: ConsoleSession | null): void {
  try {
    if (session) sessionStorage.setItem(key, JSON.stringify(session));
    else sessionStorage.removeItem(key);
  } catch {
    // Storage blocked: the session lasts until reload.
  }
}
