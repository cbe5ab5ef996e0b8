import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { PackDocument } from '../protocol/learning.ts';
import { LearningError } from './learning-error.ts';

/** Reads a pack folder (`pack.yaml`, optional `lexicon.yaml`) or a single pack file as a PackDocument. */
export async function readPackDocument(path: string): Promise<PackDocument> {
  const folder = (await stat(path).catch(() => null))?.isDirectory() ?? false;
  const file = folder ? join(path, 'pack.yaml') : path;
  const pack = parse(await readFile(file, 'utf8')) as unknown;
  if (!pack || typeof pack !== 'object' || Array.isArray(pack))
    throw new LearningError('HISTORY_INVALID', `${file}: not a pack (a YAML mapping is expected)`);
  let lexicon: Record<string, string[]> = {};
  if (folder) {
    const text = await readFile(join(path, 'lexicon.yaml'), 'utf8').catch(() => null);
    if (text !== null) lexicon = (parse(text) as Record<string, string[]> | null) ?? {};
  }
  return { pack: pack as Record<string, unknown>, lexicon };
}

/** Writes a PackDocument as a pack folder: `pack.yaml`, and `lexicon.yaml` when it has concept sets. */
export async function writePackDocument(dir: string, doc: PackDocument): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'pack.yaml'), stringify(doc.pack, { lineWidth: 120 }));
  if (Object.keys(doc.lexicon).length > 0) await writeFile(join(dir, 'lexicon.yaml'), stringify(doc.lexicon));
}

/** The pack YAML text and lexicon text of a document, as `parsePack` reads a folder. */
export function documentTexts(doc: PackDocument): { pack: string; lexicon: string | null } {
  return {
    pack: stringify(doc.pack, { lineWidth: 120 }),
    lexicon: Object.keys(doc.lexicon).length > 0 ? stringify(doc.lexicon) : null,
  };
}
