import { checkIncidentPolicy } from '../incidents/check-incident-policy.ts';
import type { Pack } from '../protocol/pack.ts';
import { builtinEntityTypes } from './extract-entities.ts';

/** A cross-reference problem at a path inside the pack. */
export type ReferenceProblem = { path: (string | number)[]; message: string };

const regexError = (source: string): string | null => {
  try {
    new RegExp(source, 'i');
    return null;
  } catch (err) {
    return `invalid regular expression: ${err instanceof Error ? err.message : String(err)}`;
  }
};

/** Checks what a schema cannot: ids are unique, referenced teams, tools, flows and steps exist, one default team. */
export function checkPackReferences(pack: Pack): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  const ids = <T extends { id: string }>(section: string, items: readonly T[]) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) add([section, i, 'id'], `duplicate id "${item.id}"`);
      seen.add(item.id);
    });
    return seen;
  };
  const list = (set: Set<string>) => [...set].join(', ') || 'none';
  const intents = ids('intents', pack.intents);
  const teams = ids('teams', pack.teams);
  const tools = ids('tools', pack.tools);
  const flows = ids('flows', pack.flows);
  ids('knowledge', pack.knowledge);
  ids('entities', pack.entities);
  const entityTypes = new Set([...builtinEntityTypes, ...pack.entities.map((e) => e.id)]);

  const defaults = pack.teams.flatMap((t, i) => (t.default ? [i] : []));
  if (defaults.length === 0) add(['teams'], 'exactly one team needs `default: true`; none has it');
  for (const i of defaults.slice(1)) add(['teams', i, 'default'], 'exactly one team can be the default');

  const checkTeam = (path: (string | number)[], team: string | undefined) => {
    if (team !== undefined && !teams.has(team)) add(path, `unknown team "${team}" (teams: ${list(teams)})`);
  };
  const checkEntity = (path: (string | number)[], type: string | undefined) => {
    if (type !== undefined && !entityTypes.has(type))
      add(path, `unknown entity type "${type}" (known: ${list(entityTypes)})`);
  };

  pack.intents.forEach((intent, i) => {
    checkTeam(['intents', i, 'team'], intent.team);
    if (intent.flow !== undefined && !flows.has(intent.flow))
      add(['intents', i, 'flow'], `unknown flow "${intent.flow}" (flows: ${list(flows)})`);
    intent.patterns.forEach((p, j) => {
      const error = regexError(p);
      if (error) add(['intents', i, 'patterns', j], error);
    });
    if (!intent.tool) return;
    const tool = pack.tools.find((t) => t.id === intent.tool?.id);
    if (!tool) add(['intents', i, 'tool', 'id'], `unknown tool "${intent.tool.id}" (tools: ${list(tools)})`);
    checkEntity(['intents', i, 'tool', 'entity'], intent.tool.entity);
    for (const [j, c] of intent.tool.cases.entries()) {
      for (const [k, cond] of c.when.entries()) {
        if (!/^(entity|tool|customer)\./.test(cond.field))
          add(
            ['intents', i, 'tool', 'cases', j, 'when', k, 'field'],
            'must start with entity., tool. or customer.',
          );
      }
    }
  });

  for (const [i, entity] of pack.entities.entries()) {
    for (const [j, p] of entity.patterns.entries()) {
      const error = regexError(p);
      if (error) add(['entities', i, 'patterns', j], error);
    }
  }
  for (const [i, tool] of pack.tools.entries()) checkEntity(['tools', i, 'key'], tool.key);

  pack.flows.forEach((flow, i) => {
    checkTeam(['flows', i, 'team'], flow.team);
    flow.trigger.intents.forEach((id, j) => {
      if (!intents.has(id)) add(['flows', i, 'trigger', 'intents', j], `unknown intent "${id}"`);
    });
    const steps = new Set<string>();
    flow.steps.forEach((step, j) => {
      if (steps.has(step.id)) add(['flows', i, 'steps', j, 'id'], `duplicate step id "${step.id}"`);
      steps.add(step.id);
    });
    flow.steps.forEach((step, j) => {
      for (const key of ['next', 'onSuccess'] as const) {
        const target = step[key];
        if (target !== undefined && !steps.has(target))
          add(['flows', i, 'steps', j, key], `unknown step "${target}" (steps: ${list(steps)})`);
      }
      for (const [k, type] of (step.expect?.entities ?? []).entries()) {
        checkEntity(['flows', i, 'steps', j, 'expect', 'entities', k], type);
      }
    });
    for (const [k, type] of flow.expect.entities.entries())
      checkEntity(['flows', i, 'expect', 'entities', k], type);
  });
  // `{{teams.ID}}` in any text names a team by its display name: the one the system uses too.
  for (const ref of findTeamReferences(pack, [])) checkTeam(ref.path, ref.team);
  problems.push(...checkIncidentPolicy(pack.incidents, teams));
  return problems;
}

const TEAM_REFERENCE = /\{\{\s*teams\.([\w-]+)/g;

/** Every `{{teams.ID}}` placeholder in the pack's texts, with where it is. */
function findTeamReferences(
  value: unknown,
  path: (string | number)[],
): { path: (string | number)[]; team: string }[] {
  if (typeof value === 'string')
    return [...value.matchAll(TEAM_REFERENCE)].map((m) => ({ path, team: m[1]! }));
  if (Array.isArray(value)) return value.flatMap((v, i) => findTeamReferences(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => findTeamReferences(v, [...path, k]));
  return [];
}
