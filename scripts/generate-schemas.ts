// Writes the JSON Schemas generated from the zod contracts: `node bin/run-ts.js scripts/generate-schemas.ts`.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packJsonSchema } from '../src/protocol/pack.ts';

/** Each generated file, relative to the repository root, with its content. */
export function generatedSchemas(): { path: string; content: string }[] {
  return [{ path: 'packs/pack.v1.schema.json', content: `${JSON.stringify(packJsonSchema(), null, 2)}\n` }];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  for (const { path, content } of generatedSchemas()) {
    writeFileSync(root + path, content);
    console.log(`wrote ${path}`);
  }
}
