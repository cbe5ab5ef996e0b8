import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The scenario files (`*.jsonl`) in a folder, in name order; none when the folder does not exist. */
export async function scenarioFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.jsonl'))
    .sort()
    .map((n) => join(dir, n));
}
