import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pack } from '../protocol/pack.ts';
import { type IntentClassifier, loadClassifier, trainClassifier } from './nlu/train-classifier.ts';

/** Bumped when the cached model format or training inputs change meaning. */
const CACHE_VERSION = 1;

let fingerprint: string | undefined;

/** A hash of the classifier engine's source, so a changed engine never loads a model cached by the old one. */
function engineFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash('sha256');
  try {
    const dir = fileURLToPath(new URL('./nlu/', import.meta.url));
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.ts') && !name.endsWith('.test.ts'))
        hash.update(name).update(readFileSync(join(dir, name)));
    }
  } catch {
    // bundled or unreadable sources: the cache version alone keys the engine
  }
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** The training input of a pack and its hash (the cache key). */
function trainingInput(pack: Pack) {
  const input = {
    version: CACHE_VERSION,
    engine: engineFingerprint(),
    examples: pack.intents.flatMap((i) => i.examples.map((text) => ({ text, intent: i.id }))),
    oosExamples: pack.settings.outOfScopeExamples,
    oosThreshold: pack.settings.outOfScopeThreshold,
  };
  const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 20);
  return { input, hash };
}

/** Trains a pack's intent classifier, or loads it from `cacheDir` when the same training input was seen before. */
export async function trainPackClassifier(
  pack: Pack,
  cacheDir?: string,
): Promise<{ classifier: IntentClassifier; cached: boolean }> {
  const { input, hash } = trainingInput(pack);
  const file = cacheDir ? join(cacheDir, `${pack.id}-${hash}.json`) : null;
  if (file) {
    try {
      return { classifier: loadClassifier(JSON.parse(await readFile(file, 'utf8'))), cached: true };
    } catch {
      // missing or unreadable cache: train below and overwrite it
    }
  }
  const classifier = trainClassifier(input.examples, {
    oosExamples: input.oosExamples.length > 0 ? input.oosExamples : undefined,
    oosThreshold: input.oosThreshold,
    seed: 1,
  });
  if (file && cacheDir) {
    await mkdir(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(classifier.toJSON()));
    await rename(temp, file);
  }
  return { classifier, cached: false };
}
