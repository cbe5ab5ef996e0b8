import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TargetPolicy } from '../platform/target-policy.ts';
import type { Pack, PackFlow, PackIntent, PackTeam, PackTool } from '../protocol/pack.ts';
import { checkToolTargets } from './check-tool-targets.ts';
import { compileEntities, type EntityMatchers } from './extract-entities.ts';
import { createKnowledgeBase, type KnowledgeBase } from './knowledge-base.ts';
import type { IntentClassifier } from './nlu/train-classifier.ts';
import { PackError } from './pack-error.ts';
import { type PackCheck, parsePack } from './parse-pack.ts';
import { offlineLookup, type ToolLookup } from './tool-lookup.ts';
import { trainPackClassifier } from './train-pack-classifier.ts';

/** A validated pack with everything the bot needs per message already built. */
export type LoadedPack = {
  pack: Pack;
  /** The file it came from (null for a pack built in memory). */
  file: string | null;
  /** sha256 of the pack's source text (or JSON), for caches and audit. */
  hash: string;
  classifier: IntentClassifier;
  /** Whether the classifier came from the cache folder instead of being trained now. */
  classifierCached: boolean;
  knowledge: KnowledgeBase;
  entities: EntityMatchers;
  intents: ReadonlyMap<string, PackIntent>;
  flows: ReadonlyMap<string, PackFlow>;
  tools: ReadonlyMap<string, PackTool>;
  /** How HTTP tools reach their systems: over the network in the server, offline in `eval` and `replay`. */
  lookup: ToolLookup;
  /** Intent patterns that select an intent outright, in pack order. */
  patterns: readonly { intent: string; regex: RegExp }[];
  defaultTeam: PackTeam;
};

/** Where packs come from and where trained models are cached. */
export type LoadPacksOptions = {
  /** The built-in packs folder; defaults to the repository's `packs/`. */
  builtinDir?: string;
  /** An extra folder of packs (`--packs DIR` / `BATON_PACKS_DIR`); a pack there replaces a built-in with its id. */
  extraDir?: string;
  /** Folder for trained classifiers, keyed by a hash of the training input; none = no cache. */
  cacheDir?: string;
  /** Checks beyond the pack format (the escalation policy's references); a problem refuses the pack. */
  checks?: readonly PackCheck[];
  /** Which private addresses HTTP tools may call (`BATON_ALLOW_PRIVATE_TARGETS`); none by default. */
  targets?: TargetPolicy;
  /** How HTTP tools reach their systems; offline (no network) unless given: only the server looks up live. */
  lookup?: ToolLookup;
};

/** The repository's `packs/` folder. */
export const builtinPacksDir = fileURLToPath(new URL('../../packs/', import.meta.url));

/** Builds a LoadedPack from a validated pack: trains (or loads) the classifier, indexes articles. */
export async function preparePack(
  pack: Pack,
  options: {
    file?: string | null;
    hash?: string;
    cacheDir?: string;
    /** How HTTP tools reach their systems; offline unless given. */
    lookup?: ToolLookup;
    /** A classifier already trained on this pack's examples (a new version that changed no intent). */
    classifier?: IntentClassifier;
  } = {},
): Promise<LoadedPack> {
  const { classifier, cached } = options.classifier
    ? { classifier: options.classifier, cached: true }
    : await trainPackClassifier(pack, options.cacheDir);
  const defaultTeam = pack.teams.find((t) => t.default) ?? pack.teams[0]!;
  return {
    pack,
    file: options.file ?? null,
    hash: options.hash ?? createHash('sha256').update(JSON.stringify(pack)).digest('hex'),
    classifier,
    classifierCached: cached,
    knowledge: createKnowledgeBase(pack.knowledge),
    entities: compileEntities(pack.entities, lookupKeys(pack)),
    intents: new Map(pack.intents.map((i) => [i.id, i])),
    flows: new Map(pack.flows.map((f) => [f.id, f])),
    tools: new Map(pack.tools.map((t) => [t.id, t])),
    lookup: options.lookup ?? offlineLookup,
    patterns: pack.intents.flatMap((i) =>
      i.patterns.map((p) => ({ intent: i.id, regex: new RegExp(p, 'i') })),
    ),
    defaultTeam,
  };
}

/** Entity types the pack looks records up by (tool keys, intents' lookup entities), unless flows read error codes. */
function lookupKeys(pack: Pack): string[] {
  const keys = new Set<string>();
  for (const t of pack.tools) if (t.key) keys.add(t.key);
  for (const i of pack.intents) if (i.tool?.entity) keys.add(i.tool.entity);
  if (pack.flows.some((f) => f.trigger.errorCodes.length > 0)) keys.delete('error_code');
  return [...keys];
}

/**
 * Loads one pack: a YAML file, or a folder with `pack.yaml` and optionally `lexicon.yaml` (its concept sets).
 * A broken pack throws a PackError naming the file, the path inside it and the problem.
 */
export async function loadPackFile(
  path: string,
  options: {
    cacheDir?: string;
    checks?: readonly PackCheck[];
    targets?: TargetPolicy;
    lookup?: ToolLookup;
  } = {},
): Promise<LoadedPack> {
  const { pack, file, shown, hash } = await readPack(path, options);
  await checkToolTargets(pack, shown, options.targets ?? []);
  return preparePack(pack, { file, hash, cacheDir: options.cacheDir, lookup: options.lookup });
}

/** Reads and checks one pack (file or folder) without training anything: what `baton check-pack` runs. */
export async function readPack(
  path: string,
  options: { checks?: readonly PackCheck[] } = {},
): Promise<{ pack: Pack; file: string; shown: string; hash: string }> {
  const folder = (await pathKind(path)) === 'folder';
  const file = folder ? join(path, 'pack.yaml') : path;
  const shown = shownPath(file);
  const text = await readText(file);
  const lexiconFile = folder ? join(path, 'lexicon.yaml') : null;
  const lexiconText = lexiconFile ? await readText(lexiconFile, { optional: true }) : null;
  const pack = parsePack(text, shown, {
    lexicon:
      lexiconFile && lexiconText !== null ? { text: lexiconText, file: shownPath(lexiconFile) } : undefined,
    checks: options.checks,
  });
  const hash = createHash('sha256')
    .update(text)
    .update(lexiconText ?? '')
    .digest('hex');
  return { pack, file, shown, hash };
}

/** A path as messages show it: relative to the working folder. */
const shownPath = (path: string) => relative(process.cwd(), path) || path;

/** Whether a path is a file, a folder, or nothing readable. */
async function pathKind(path: string): Promise<'file' | 'folder' | null> {
  const info = await stat(path).catch(() => null);
  return info?.isDirectory() ? 'folder' : info?.isFile() ? 'file' : null;
}

/** Reads a pack's file; failing to is a PackError, except that an optional file may be missing (null). */
async function readText(file: string): Promise<string>;
async function readText(file: string, options: { optional: true }): Promise<string | null>;
async function readText(file: string, options: { optional?: boolean } = {}): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (options.optional && (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new PackError(shownPath(file), [
      { path: '', message: err instanceof Error ? err.message : String(err) },
    ]);
  }
}

/** The packs in a folder: `*.yaml` files and sub-folders holding a `pack.yaml`, in name order. */
export async function packFiles(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new PackError(shownPath(dir), [{ path: '', message: `cannot read the packs folder: ${reason}` }]);
  }
  const found: string[] = [];
  for (const e of entries) {
    if (e.isFile() && /\.ya?ml$/i.test(e.name)) found.push(e.name);
    else if (e.isDirectory() && (await pathKind(join(dir, e.name, 'pack.yaml'))) === 'file')
      found.push(e.name);
  }
  return found.sort().map((n) => join(dir, n));
}

/** Loads the built-in packs plus an optional extra folder, by pack id; the extra folder wins on an id clash. */
export async function loadPacks(options: LoadPacksOptions = {}): Promise<Map<string, LoadedPack>> {
  const packs = new Map<string, LoadedPack>();
  const dirs = [options.builtinDir ?? builtinPacksDir, options.extraDir].filter((d): d is string => !!d);
  const targets = options.targets ?? [];
  for (const dir of dirs) {
    const fromThisDir = new Map<string, string>();
    // `--packs my-packs/bakery` names one pack folder rather than a folder of packs
    const paths =
      (await pathKind(join(dir, 'pack.yaml'))) === 'file' ? [resolve(dir)] : await packFiles(resolve(dir));
    for (const file of paths) {
      const loaded = await loadPackFile(file, {
        cacheDir: options.cacheDir,
        checks: options.checks,
        targets,
        lookup: options.lookup,
      });
      const clash = fromThisDir.get(loaded.pack.id);
      if (clash) {
        throw new PackError(relative(process.cwd(), file), [
          { path: 'id', message: `pack id "${loaded.pack.id}" is already used by ${clash}` },
        ]);
      }
      fromThisDir.set(loaded.pack.id, file);
      packs.set(loaded.pack.id, loaded);
    }
  }
  return packs;
}
