/**
 * Format check of the Skyline Air holdout set (no scoring): every line of every scenario file parses with the
 * parser `baton eval` uses, names the pack `skyline-air`, hands off only to teams both pack variants define, and
 * the optional `resolution` of the history file is a non-empty text. Prints the counts.
 * Run: node bin/run-ts.js test/holdout/skyline-air/check-format.ts
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readPack } from '../../../src/bot/load-packs.ts';
import { parseScenarios, type Scenario, ScenarioFileError } from '../../../src/escalation/scenario-schema.ts';

const here = 'test/holdout/skyline-air';
const files = ['scenarios.jsonl', 'person-requests.jsonl', 'learn-history.jsonl'];

const plain = (await readPack(join(here, 'pack'))).pack;
const withPolicy = (await readPack(join(here, 'with-policy'))).pack;
const teams = new Set(plain.teams.map((t) => t.id));
const problems: string[] = [];
if (withPolicy.id !== plain.id) problems.push(`pack ids differ: ${plain.id} / ${withPolicy.id}`);
if (
  [...teams].sort().join() !==
  withPolicy.teams
    .map((t) => t.id)
    .sort()
    .join()
)
  problems.push('the two pack variants define different teams');
if (plain.policy !== undefined && Object.keys(plain.policy).length > 0)
  problems.push('pack/ has a policy section');

const ids = new Set<string>();
for (const name of files) {
  const file = join(here, name);
  const text = await readFile(file, 'utf8');
  let scenarios: Scenario[];
  try {
    scenarios = parseScenarios(text, file);
  } catch (err) {
    if (!(err instanceof ScenarioFileError)) throw err;
    problems.push(err.message);
    continue;
  }
  const raw = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('//'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const perTeam = new Map<string, number>();
  const perPriority = new Map<string, number>();
  let handoffs = 0;
  for (const [i, s] of scenarios.entries()) {
    if (ids.has(s.id)) problems.push(`${name}: id ${s.id} used in another file`);
    ids.add(s.id);
    if (s.pack !== plain.id) problems.push(`${name}: ${s.id}: pack "${s.pack}"`);
    const r = raw[i]!;
    for (const key of Object.keys(r))
      if (!['id', 'pack', 'customer', 'channel', 'data', 'turns', 'expect', 'resolution'].includes(key))
        problems.push(`${name}: ${s.id}: unknown field ${key}`);
    if ('resolution' in r && (typeof r.resolution !== 'string' || r.resolution.trim() === ''))
      problems.push(`${name}: ${s.id}: resolution must be a non-empty text`);
    if (s.expect.handoff) {
      handoffs++;
      if (!teams.has(s.expect.team)) problems.push(`${name}: ${s.id}: unknown team ${s.expect.team}`);
      if (s.expect.turn > s.turns.length) problems.push(`${name}: ${s.id}: turn ${s.expect.turn} > turns`);
      perTeam.set(s.expect.team, (perTeam.get(s.expect.team) ?? 0) + 1);
      const p = s.expect.priority ?? '(none)';
      perPriority.set(p, (perPriority.get(p) ?? 0) + 1);
    }
  }
  const share = ((100 * handoffs) / scenarios.length).toFixed(1);
  console.log(`${name}: ${scenarios.length} conversations, ${handoffs} hand off (${share}%)`);
  console.log(`  per team: ${[...perTeam].map(([t, n]) => `${t} ${n}`).join(', ')}`);
  console.log(`  per priority: ${[...perPriority].map(([t, n]) => `${t} ${n}`).join(', ')}`);
  const multi = scenarios.filter((s) => s.turns.length > 1).length;
  console.log(`  multi-turn: ${multi}, with a resolution: ${raw.filter((r) => 'resolution' in r).length}`);
}
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log('format ok');
