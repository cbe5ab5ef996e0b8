import { describe, expect, it } from 'vitest';
import { parseScenarios } from './scenario-schema.ts';

const line = (o: unknown) => JSON.stringify(o);
const ok = { id: 'a', pack: 'bank', turns: [{ text: 'hi' }], expect: { handoff: false } };

describe('parseScenarios', () => {
  it('skips blank lines and // comments and fills defaults', () => {
    const text = [
      '// comment',
      '',
      line({ ...ok, expect: { handoff: true, turn: 1, team: 'support' } }),
    ].join('\n');
    const [s] = parseScenarios(text);
    expect(s?.expect).toEqual({ handoff: true, turn: 1, tolerance: 0, team: 'support' });
  });

  it.each([
    ['{"id": "a",', /f\.jsonl:1: bad JSON on line 1/],
    [line({ ...ok, expect: { handoff: true, turn: 1 } }), /f\.jsonl:1 \(a\): expect\.team/],
    [line({ ...ok, turns: [] }), /turns/],
    [`${line(ok)}\n${line(ok)}`, /f\.jsonl:2: id "a" already used on line 1/],
  ])('rejects %s', (text, message) => {
    expect(() => parseScenarios(text, 'f.jsonl')).toThrow(message);
  });
});
