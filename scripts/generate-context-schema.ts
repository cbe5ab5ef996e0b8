/** Writes schemas/context-package.v1.json from the zod contract: `npx tsx scripts/generate-context-schema.ts`. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contextPackageJsonSchema } from '../src/protocol/context-package.ts';

const file = fileURLToPath(new URL('../schemas/context-package.v1.json', import.meta.url));
const biome = fileURLToPath(new URL('../node_modules/.bin/biome', import.meta.url));
writeFileSync(file, `${JSON.stringify(contextPackageJsonSchema(), null, 2)}\n`);
// Format as `biome check` expects, so regenerating an unchanged contract leaves the file unchanged.
execFileSync(biome, ['format', '--write', file], { stdio: 'ignore' });
console.log(`wrote ${file}`);
