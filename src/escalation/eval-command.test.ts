import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureConsole as capture } from '../cli/capture-console.fixture.ts';
import { run } from '../cli/eval.ts';

const dir = mkdtempSync(join(tmpdir(), 'baton-eval-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

afterEach(() => vi.restoreAllMocks());

describe('baton eval', () => {
  it('prints the scores as JSON', async () => {
    const path = file(
      'ok.jsonl',
      [
        '{"id": "a", "pack": "bank", "turns": [{"text": "agent"}], "expect": {"handoff": true, "turn": 1, "team": "support", "priority": "normal"}}',
        '{"id": "b", "pack": "bank", "turns": [{"text": "what are your branch hours?"}], "expect": {"handoff": false}}',
      ].join('\n'),
    );
    const { out } = capture();
    expect(await run([path, '--json'])).toBe(0);
    const scores = JSON.parse(out.join('\n'));
    expect(Object.keys(scores)).toEqual([
      'scenarios',
      'precision',
      'recall',
      'f1',
      'on_time_rate',
      'early_rate',
      'team_accuracy',
      'priority_accuracy',
      'unnecessary_rate',
      'misses',
    ]);
    expect(scores).toMatchObject({ scenarios: 2, f1: 1, unnecessary_rate: 0, misses: [] });
  });

  it.each([
    [
      'bad JSON on a line',
      '{"id": "a", "pack": "bank", "turns": [{"text": "hi"}], "expect": {"handoff": false}}\n{oops',
      /bad JSON on line 2/,
    ],
    [
      'an unknown pack',
      '{"id": "a", "pack": "zoo", "turns": [{"text": "hi"}], "expect": {"handoff": false}}',
      /unknown pack "zoo"/,
    ],
    ['a missing field', '{"id": "a", "pack": "bank", "turns": [{"text": "hi"}]}', /expect/],
  ])('exits 2 with a clear message on %s', async (_name, text, message) => {
    const { err } = capture();
    expect(await run([file('bad.jsonl', text)])).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('exits 2 on a missing file or no file', async () => {
    const { err } = capture();
    expect(await run([join(dir, 'nope.jsonl')])).toBe(2);
    expect(await run([])).toBe(2);
    expect(err.join('\n')).toMatch(/cannot read/);
  });
});
