import { describe, expect, it } from 'vitest';
import { attributeLimits, freeformObject } from './freeform-object.ts';
import { inspectJson, textProblem } from './inspect-json.ts';

const nested = (levels: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

describe('textProblem', () => {
  it.each([
    ['plain text', 'hello', null],
    ['an emoji (a surrogate pair)', 'hi \u{1F600}', null],
    ['NUL', 'a\u0000b', 'NUL'],
    ['a lone high surrogate', 'a\uD800b', 'lone surrogate'],
    ['a lone low surrogate', '\uDC00', 'lone surrogate'],
    ['a high surrogate at the end', 'abc\uD83D', 'lone surrogate'],
    ['a swapped pair', '\uDE00\uD83D', 'lone surrogate'],
  ])('%s', (_name, text, expected) => {
    const problem = textProblem(text);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toContain(expected);
  });
});

describe('inspectJson', () => {
  it.each([
    ['a flat object', { a: 'x', b: 1 }, 8, { depth: 1, entries: 2, problem: null }],
    ['a scalar', 'x', 8, { depth: 0, entries: 0, problem: null }],
    ['nested arrays within the limit', nested(8), 8, { depth: 8, entries: 8, problem: null }],
    [
      'a NUL deep inside',
      { customer: { attributes: { plan: ['gold', 'x\u0000'] } } },
      8,
      { path: 'customer.attributes.plan.1', message: 'NUL' },
    ],
    ['a lone surrogate in a key', { ok: 1, 'k\uD800': 1 }, 8, { path: 'k\\ud800', message: 'key must be' }],
    ['nesting past the limit', nested(9), 8, { path: '0.0.0.0.0.0.0.0', message: 'deeper than 8' }],
  ])('%s', (_name, value, maxDepth, expected) => {
    const shape = inspectJson(value, { maxDepth });
    if ('path' in expected) {
      expect(shape.problem?.path).toBe(expected.path);
      expect(shape.problem?.message).toContain(expected.message);
    } else expect(shape).toEqual(expected);
  });

  it('reports the first problem in document order', () => {
    expect(inspectJson({ a: { b: '\u0000' }, c: '\uD800' }, { maxDepth: 8 }).problem?.path).toBe('a.b');
  });

  it('walks 100,000 levels of nesting without overflowing the stack, stopping at the limit', () => {
    const shape = inspectJson(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), { maxDepth: 32 });
    expect(shape.depth).toBe(33);
    expect(shape.problem?.message).toContain('deeper than 32');
  });
});

describe('freeformObject', () => {
  const schema = freeformObject(attributeLimits);
  it.each([
    ['a plain attribute object', { plan: 'gold', orders: [{ id: 1 }] }, null],
    ['five levels', { a: { b: { c: { d: { e: 1 } } } } }, null],
    ['nesting past five levels', { a: { b: { c: { d: { e: { f: 1 } } } } } }, 'deeper than 5'],
    ['too many keys in all', { list: Array.from({ length: 250 }, (_, i) => i) }, 'at most 200'],
    ['more bytes than allowed', { notes: 'x'.repeat(17_000) }, 'at most 16384 bytes'],
    ['a NUL in a value', { name: 'a\u0000' }, 'NUL'],
  ])('%s', (_name, value, expected) => {
    const result = schema.safeParse(value);
    if (expected === null) expect(result.success).toBe(true);
    else expect(result.error?.issues[0]?.message).toContain(expected);
  });
});
