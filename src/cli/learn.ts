import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packFiles } from '../bot/load-packs.ts';
import { PackError } from '../bot/pack-error.ts';
import { ScenarioFileError } from '../escalation/scenario-schema.ts';
import { learnFromHistory } from '../learning/learn-from-history.ts';
import { LearningError } from '../learning/learning-error.ts';
import { readPackDocument, writePackDocument } from '../learning/pack-document-files.ts';
import {
  type LabelledConversation,
  labelledConversationSchema,
  type Suggestion,
} from '../protocol/learning.ts';
import { parseFlags, UsageError, withUsage } from './args.ts';

const usage =
  'baton learn --packs DIR --pack ID --history FILE.jsonl [--approve all] [--out DIR] [--json] [--folds N] [--seed N]';

/**
 * `baton learn`: reads a pack and labelled history, prints the suggestions with their evidence and
 * predicted effect; with `--approve all --out DIR` first applies what the bot should learn, runs the bot
 * again on the history, then applies every policy suggestion and writes the pack folder.
 */
export async function run(argv: string[]): Promise<number> {
  return withUsage(async () => {
    const { values } = parseFlags(
      argv,
      {
        packs: { type: 'string' },
        pack: { type: 'string' },
        history: { type: 'string' },
        approve: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        folds: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      } as const,
      usage,
    );
    if (values.help) {
      console.log(`usage: ${usage}`);
      return 0;
    }
    if (!values.packs || !values.pack || !values.history)
      throw new UsageError(`--packs, --pack and --history are required\nusage: ${usage}`);
    if (values.approve !== undefined && values.approve !== 'all')
      throw new UsageError(`--approve takes "all" (got "${values.approve}")`);
    if (values.approve && !values.out)
      throw new UsageError('--approve all needs --out DIR to write the pack to');
    if (values.out && !values.approve) throw new UsageError('--out is written only with --approve all');
    const folds = intFlag('folds', values.folds, 5, 2);
    const seed = intFlag('seed', values.seed, 1, 0);
    const started = Date.now();
    try {
      const folder = await findPack(values.packs, values.pack);
      const doc = await readPackDocument(folder);
      const history = parseHistory(await readText(values.history), values.history, values.pack);
      const learned = await learnFromHistory(doc, history, {
        folds,
        seed,
        approveAll: values.approve === 'all',
        cacheDir: join(tmpdir(), 'baton-nlu-cache'),
        file: folder,
      });
      if (values.approve) await writePackDocument(values.out!, learned.document);
      const shown: Suggestion[] = learned.suggestions;
      const seconds = (Date.now() - started) / 1000;
      if (values.json)
        console.log(JSON.stringify({ conversations: history.length, seconds, suggestions: shown }));
      else console.log(formatSuggestions(shown, history.length, seconds, values.out));
      return 0;
    } catch (err) {
      if (err instanceof PackError || err instanceof ScenarioFileError || err instanceof LearningError)
        throw new UsageError(err.message);
      throw err;
    }
  });
}

function intFlag(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer >= ${min} (got "${raw}")`);
  return n;
}

/** The folder (or file) of the pack with this id in the packs folder. */
async function findPack(dir: string, id: string): Promise<string> {
  if ((await stat(join(dir, 'pack.yaml')).catch(() => null))?.isFile()) {
    const doc = await readPackDocument(dir);
    if (doc.pack.id === id) return dir;
  }
  const ids: string[] = [];
  for (const path of await packFiles(dir)) {
    const doc = await readPackDocument(path);
    if (doc.pack.id === id) return path;
    ids.push(String(doc.pack.id));
  }
  throw new UsageError(`no pack "${id}" in ${dir} (found: ${ids.join(', ') || 'none'})`);
}

/** Labelled conversations of a JSON Lines file; every one must belong to the pack. */
export function parseHistory(text: string, file: string, pack: string): LabelledConversation[] {
  const out: LabelledConversation[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new ScenarioFileError(`${file}:${i + 1}: bad JSON: ${(err as Error).message}`);
    }
    const parsed = labelledConversationSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ScenarioFileError(
        `${file}:${i + 1}: ${issue.path.join('.') || 'conversation'}: ${issue.message}`,
      );
    }
    if (parsed.data.pack !== pack)
      throw new ScenarioFileError(
        `${file}:${i + 1}: conversation ${parsed.data.id} is for pack "${parsed.data.pack}", not "${pack}"`,
      );
    if (seen.has(parsed.data.id))
      throw new ScenarioFileError(`${file}:${i + 1}: id "${parsed.data.id}" is used twice`);
    seen.add(parsed.data.id);
    out.push(parsed.data);
  });
  if (out.length === 0) throw new ScenarioFileError(`${file}: no conversations`);
  return out;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new ScenarioFileError(
      `${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The human-readable list: one block per suggestion with its evidence and held-out effect. */
export function formatSuggestions(
  list: readonly Suggestion[],
  conversations: number,
  seconds: number,
  out?: string,
): string {
  const lines = [
    `${list.length} suggestion(s) from ${conversations} labelled conversations (${seconds.toFixed(1)} s)`,
  ];
  for (const s of list) {
    lines.push('', `${s.id}  ${s.kind}`, `  ${s.title}`);
    if (s.evidence.terms.length > 0) lines.push(`  terms: ${s.evidence.terms.join(', ')}`);
    const counts = Object.entries(s.evidence.counts).map(([k, v]) => `${k} ${v}`);
    if (counts.length > 0) lines.push(`  counts: ${counts.join(', ')}`);
    if (s.evidence.conversations.length > 0)
      lines.push(`  conversations: ${s.evidence.conversations.join(', ')}`);
    for (const q of s.evidence.quotes.slice(0, 4)) lines.push(`  > ${q}`);
    const e = s.effect;
    if (e.before && e.after) {
      lines.push(
        `  effect (${e.method === 'folds' ? `${e.folds} held-out folds` : 'replayed'}): F1 ${pct(e.before.f1)} -> ${pct(e.after.f1)}, needless ${pct(e.before.needless)} -> ${pct(e.after.needless)}, ` +
          `precision ${pct(e.before.precision)} -> ${pct(e.after.precision)}, recall ${pct(e.before.recall)} -> ${pct(e.after.recall)}, ` +
          `${e.before.onTime !== undefined && e.after.onTime !== undefined ? `on time ${pct(e.before.onTime)} -> ${pct(e.after.onTime)}, ` : ''}` +
          `handoffs +${e.handoffsGained} -${e.handoffsLost}`,
      );
      if (e.method === 'replay' && e.note) lines.push(`  ${e.note}`);
    } else lines.push(`  effect: not measured (${e.note ?? 'no replay'})`);
  }
  if (out) lines.push('', `wrote the pack with every suggestion applied to ${out}`);
  return lines.join('\n');
}
