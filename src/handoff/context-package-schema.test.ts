import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contextPackageJsonSchema } from '../protocol/context-package.ts';

const file = new URL('../../schemas/context-package.v1.json', import.meta.url);

describe('schemas/context-package.v1.json', () => {
  it('matches the zod contract (run `npx tsx scripts/generate-context-schema.ts` after changing it)', () => {
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(contextPackageJsonSchema());
  });

  it('is draft-07 and requires every section', () => {
    const schema = contextPackageJsonSchema() as { $schema: string; required: string[] };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(
      expect.arrayContaining(['version', 'decision', 'summary', 'transcript', 'nextStep', 'redactions']),
    );
  });
});
