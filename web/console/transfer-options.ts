import type { Agent } from '../../src/protocol/agent.ts';
import type { TeamSummary } from './api-client.ts';

/** A team a conversation can be transferred to. */
export type TeamOption = { id: string; name: string };

/**
 * The teams to offer in the transfer dialog. With the team directory (supervisors and admins can read it)
 * that is every team; without it (agents), the teams the console has seen: the user's own, the
 * conversation's, the one the package names, and those of other conversations of the same pack. The
 * conversation's current team is left out (transferring there changes nothing). Sorted by name.
 */
export function transferTeamOptions(input: {
  directory: readonly TeamSummary[] | null;
  known: readonly { id: string | null | undefined; name?: string | null }[];
  current: string | null;
}): TeamOption[] {
  const names = new Map<string, string>();
  const add = (id: string | null | undefined, name?: string | null) => {
    if (!id) return;
    const better = name && name !== id ? name : undefined;
    if (!names.has(id) || (better && names.get(id) === id)) names.set(id, better ?? id);
  };
  if (input.directory) for (const t of input.directory) add(t.id, t.name);
  else for (const t of input.known) add(t.id, t.name);
  if (input.directory) for (const t of input.known) if (names.has(t.id ?? '')) add(t.id, t.name);
  names.delete(input.current ?? '');
  return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The agents to offer: active, not the user, those in `team` first; each labelled with name and teams. */
export function transferAgentOptions(
  agents: readonly Agent[],
  me: string,
  team: string | null,
): { id: string; label: string; teams: string[] }[] {
  return agents
    .filter((a) => a.active && a.id !== me)
    .sort(
      (a, b) =>
        Number(team !== null && b.teams.includes(team)) - Number(team !== null && a.teams.includes(team)) ||
        a.name.localeCompare(b.name),
    )
    .map((a) => ({ id: a.id, label: `${a.name} (${a.teams.join(', ') || a.role})`, teams: a.teams }));
}
