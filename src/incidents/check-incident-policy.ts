import type { IncidentsConfig } from '../protocol/incident.ts';

/** A problem at a path inside the pack. */
export type IncidentPolicyProblem = { path: (string | number)[]; message: string };

/**
 * Checks what the schema cannot in a pack's `incidents` section: policy ids are unique, every team paged, on a
 * ladder or given a view is a team of the pack, a ladder does not page a team twice, the quiet hours' zone exists.
 */
export function checkIncidentPolicy(
  incidents: IncidentsConfig | undefined,
  teams: ReadonlySet<string>,
): IncidentPolicyProblem[] {
  if (!incidents) return [];
  const problems: IncidentPolicyProblem[] = [];
  const add = (path: (string | number)[], message: string) =>
    problems.push({ path: ['incidents', ...path], message });
  const known = [...teams].join(', ') || 'none';
  const team = (path: (string | number)[], id: string) => {
    if (!teams.has(id)) add(path, `unknown team "${id}" (teams: ${known})`);
  };
  const ids = new Set<string>();
  incidents.policies.forEach((policy, i) => {
    if (ids.has(policy.id)) add(['policies', i, 'id'], `duplicate policy id "${policy.id}"`);
    ids.add(policy.id);
    policy.page.forEach((t, j) => {
      team(['policies', i, 'page', j], t);
    });
    const rungs = new Set<string>();
    policy.ladder.forEach((t, j) => {
      team(['policies', i, 'ladder', j], t);
      if (rungs.has(t)) add(['policies', i, 'ladder', j], `team "${t}" is on the ladder twice`);
      rungs.add(t);
    });
  });
  for (const id of Object.keys(incidents.views)) team(['views', id], id);
  if (incidents.quietHours) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: incidents.quietHours.timezone });
    } catch {
      add(['quietHours', 'timezone'], `unknown time zone "${incidents.quietHours.timezone}"`);
    }
  }
  return problems;
}
