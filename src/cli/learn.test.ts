import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readPack } from '../bot/load-packs.ts';
import { policyChecks } from '../escalation/check-policy.ts';
import { captureConsole as capture } from './capture-console.fixture.ts';
import { run } from './learn.ts';

const data = new URL('../../test/learning/car-rental/', import.meta.url).pathname;
const packs = join(data, 'pack');
const root = mkdtempSync(join(tmpdir(), 'baton-learn-'));
const history = join(root, 'history.jsonl');
writeFileSync(history, readFileSync(join(data, 'learn.jsonl'), 'utf8').split('\n').slice(0, 40).join('\n'));

afterEach(() => vi.restoreAllMocks());

describe('baton learn', () => {
  it.each([
    [['--pack', 'carrental', '--history', history], /--packs, --pack and --history are required/],
    [
      ['--packs', packs, '--pack', 'bakery', '--history', history],
      /no pack "bakery" in .* \(found: carrental\)/,
    ],
    [
      ['--packs', packs, '--pack', 'carrental', '--history', join(root, 'none.jsonl')],
      /none\.jsonl: cannot read: ENOENT/,
    ],
    [
      ['--packs', packs, '--pack', 'carrental', '--history', history, '--approve', 'some'],
      /--approve takes "all"/,
    ],
    [['--packs', packs, '--pack', 'carrental', '--history', history, '--approve', 'all'], /needs --out DIR/],
    [
      ['--packs', packs, '--pack', 'carrental', '--history', history, '--folds', '1'],
      /--folds must be an integer >= 2/,
    ],
    [['--packs', packs, '--pack', 'carrental', '--history', history, '--wat'], /Unknown option '--wat'/],
  ])('refuses %j with a clear message and exit code 2', async (argv, message) => {
    const { err } = capture();
    expect(await run(argv)).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });

  it('names the line of a bad conversation and one for another pack', async () => {
    const bad = join(root, 'bad.jsonl');
    writeFileSync(bad, '{"id":"a","pack":"carrental","turns":[],"expect":{"handoff":false}}\n');
    const other = join(root, 'other.jsonl');
    writeFileSync(other, '\n{"id":"a","pack":"bank","turns":[{"text":"hi"}],"expect":{"handoff":false}}\n');
    const { err } = capture();
    expect(await run(['--packs', packs, '--pack', 'carrental', '--history', bad])).toBe(2);
    expect(await run(['--packs', packs, '--pack', 'carrental', '--history', other])).toBe(2);
    expect(err[0]).toMatch(/bad\.jsonl:1: turns:/);
    expect(err[1]).toMatch(/other\.jsonl:2: conversation a is for pack "bank", not "carrental"/);
  });

  it('with --approve all writes a pack that loads and carries the learned signal', async () => {
    const out = join(root, 'learned');
    const { out: printed } = capture();
    expect(
      await run([
        '--packs',
        packs,
        '--pack',
        'carrental',
        '--history',
        history,
        '--approve',
        'all',
        '--out',
        out,
        '--json',
        '--folds',
        '3',
      ]),
    ).toBe(0);
    const report = JSON.parse(printed.join('\n')) as {
      conversations: number;
      suggestions: { kind: string }[];
    };
    expect(report.conversations).toBe(40);
    expect(report.suggestions.map((s) => s.kind)).toContain('learned_signal');
    const { pack } = await readPack(out, { checks: policyChecks });
    expect(pack.policy.learned?.trainedOn.conversations).toBe(40);
    expect(pack.policy.rules?.some((r) => r.id === 'learned')).toBe(true);
  }, 180_000);
});
