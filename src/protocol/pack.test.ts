import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedSchemas } from '../../scripts/generate-schemas.ts';
import { packJsonSchema, packSchema } from './pack.ts';

const minimal = {
  id: 'demo',
  name: 'Demo',
  intents: [{ id: 'hello', answer: 'Hi!', examples: Array.from({ length: 10 }, (_, i) => `hello ${i}`) }],
  teams: [{ id: 'support', name: 'Support', default: true }],
};

describe('packSchema', () => {
  it('fills defaults for everything optional', () => {
    const pack = packSchema.parse(minimal);
    expect(pack.policy).toEqual({});
    expect(pack.knowledge).toEqual([]);
    expect(pack.messages.fallback).toBeTruthy();
    expect(pack.settings).toMatchObject({ minConfidence: expect.any(Number), outOfScopeExamples: [] });
  });

  it.each([
    ['a typo at the top', { ...minimal, intens: [] }, ''],
    ['a typo in an intent', { ...minimal, intents: [{ ...minimal.intents[0], exmaples: [] }] }, 'intents.0'],
    ['an unknown tool kind', { ...minimal, tools: [{ id: 't', kind: 'soap' }] }, 'tools.0.kind'],
    [
      'bad business hours',
      { ...minimal, businessHours: { timezone: 'UTC', weekly: { mon: ['9-5'] } } },
      'businessHours.weekly.mon.0',
    ],
    ['an id with spaces', { ...minimal, id: 'my bank' }, 'id'],
  ])('refuses %s', (_, input, path) => {
    const result = packSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('packs/pack.v1.schema.json', () => {
  it('is up to date with the zod schema (run: node bin/run-ts.js scripts/generate-schemas.ts)', () => {
    for (const { path, content } of generatedSchemas()) {
      const committed = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
      expect(committed, `${path} is stale`).toBe(content);
    }
  });

  it('is draft-7 and lets people leave defaulted fields out', () => {
    const schema = packJsonSchema() as { $schema: string; required: string[] };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required.sort()).toEqual(['id', 'intents', 'name', 'teams']);
  });
});
