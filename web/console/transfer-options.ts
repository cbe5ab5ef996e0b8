import type { TransferTargets } from './api-client.ts';

/** A team a conversation can be transferred to, with how many of its agents are online. */
export type TeamOption = { id: string; name: string; online: number };
/** An agent a conversation can be transferred to. */
export type AgentOption = { id: string; name: string; teams: string[]; online: boolean; inTeam: boolean };

/** Every team but the conversation's current one (transferring there changes nothing), by name. */
export function transferTeamOptions(targets: TransferTargets, current: string | null): TeamOption[] {
  return targets.teams
    .filter((t) => t.id !== current)
    .map((t) => ({
      id: t.id,
      name: t.name || t.id,
      online: targets.agents.filter((a) => a.online && a.teams.includes(t.id)).length,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every agent but the user: online first, then those in the conversation's team, then by name. */
export function transferAgentOptions(
  agents: TransferTargets['agents'],
  me: string,
  team: string | null,
): AgentOption[] {
  return agents
    .filter((a) => a.id !== me)
    .map((a) => ({ ...a, inTeam: team !== null && a.teams.includes(team) }))
    .sort(
      (a, b) =>
        Number(b.online) - Number(a.online) ||
        Number(b.inTeam) - Number(a.inTeam) ||
        a.name.localeCompare(b.name),
    );
}

/** The options whose name, id or teams contain every word of `query` (case-insensitive); all for an empty query. */
export function filterOptions<T extends { id: string; name: string; teams?: string[] }>(
  options: readonly T[],
  query: string,
): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return options.filter((o) => {
    const text = [o.name, o.id, ...(o.teams ?? [])].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** The option whose id or name is exactly `query` (ignoring case and surrounding spaces), if there is one. */
export function exactOption<T extends { id: string; name: string }>(
  options: readonly T[],
  query: string,
): T | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  return options.find((o) => o.id.toLowerCase() === q || o.name.toLowerCase() === q) ?? null;
}
