import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type LoadedPack, preparePack } from '../bot/load-packs.ts';
import type { IntentClassifier } from '../bot/nlu/train-classifier.ts';
import { PackError } from '../bot/pack-error.ts';
import { type PackCheck, parsePack } from '../bot/parse-pack.ts';
import type { ToolLookup } from '../bot/tool-lookup.ts';
import type { PackDocument } from '../protocol/learning.ts';
import type { Pack } from '../protocol/pack.ts';

/** sha256 of a pack document (key order as stored), to tell versions apart. */
export const documentHash = (doc: PackDocument) =>
  createHash('sha256').update(JSON.stringify(doc)).digest('hex');

/** Reads a pack as a document from the file (or folder) it was loaded from: `pack.yaml` and `lexicon.yaml`. */
export async function readPackDocument(file: string): Promise<PackDocument> {
  const folder = (await stat(file)).isDirectory();
  const packFile = folder ? join(file, 'pack.yaml') : file;
  const pack = parseYaml(await readFile(packFile, 'utf8')) as Record<string, unknown>;
  // Only a pack folder has a lexicon beside its pack.yaml (as `readPack` reads it).
  const lexiconText =
    basename(packFile) === 'pack.yaml'
      ? await readFile(join(dirname(packFile), 'lexicon.yaml'), 'utf8').catch(() => null)
      : null;
  const lexicon = (lexiconText ? parseYaml(lexiconText) : null) as PackDocument['lexicon'] | null;
  return { pack, lexicon: lexicon ?? {} };
}

/** What a pack's classifier is trained on: versions that agree on it share one classifier. */
const trainingKey = (pack: Pack) =>
  createHash('sha256')
    .update(
      JSON.stringify({
        examples: pack.intents.map((i) => [i.id, i.examples]),
        oos: pack.settings.outOfScopeExamples,
        threshold: pack.settings.outOfScopeThreshold,
      }),
    )
    .digest('hex');

/**
 * Checks a pack document like a pack read from disk (format, references, the policy's checks) and builds what the
 * bot needs from it (a broken one throws a PackError). Classifiers are kept by their training input (the last
 * few), so a version that changes no intent (an article, the policy, a rollback) is ready at once instead of after
 * a training run; `remember` hands it the packs loaded at start.
 */
export function createDocumentPreparer(options: {
  checks: readonly PackCheck[];
  cacheDir?: string;
  /** How HTTP tools reach their systems; offline unless given. */
  lookup?: ToolLookup;
  keep?: number;
}) {
  const classifiers = new Map<string, IntentClassifier>();
  const keep = options.keep ?? 16;
  const remember = (loaded: LoadedPack) => {
    const key = trainingKey(loaded.pack);
    classifiers.delete(key);
    classifiers.set(key, loaded.classifier);
    while (classifiers.size > keep) classifiers.delete(classifiers.keys().next().value!);
  };
  const prepare = async (doc: PackDocument, name: string): Promise<LoadedPack> => {
    const pack = parsePackDocument(doc, name, options.checks);
    const key = trainingKey(pack);
    const loaded = await preparePack(pack, {
      file: null,
      hash: documentHash(doc),
      cacheDir: options.cacheDir,
      lookup: options.lookup,
      classifier: classifiers.get(key),
    });
    remember(loaded);
    return loaded;
  };
  return { prepare, remember };
}

/** Validates a pack document into a pack (no classifier); a broken one throws a PackError. */
export function parsePackDocument(doc: PackDocument, name: string, checks: readonly PackCheck[]): Pack {
  // JSON is YAML: the document goes through the same parser (and the same messages) as a pack file.
  return parsePack(JSON.stringify(doc.pack), name, {
    lexicon:
      Object.keys(doc.lexicon).length > 0
        ? { text: JSON.stringify(doc.lexicon), file: `${name} lexicon` }
        : undefined,
    checks,
  });
}

/** Whether an error is a pack that does not validate (a 4xx for an approval, not a bug). */
export const isPackError = (err: unknown): err is PackError => err instanceof PackError;
