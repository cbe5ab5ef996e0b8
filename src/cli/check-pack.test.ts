import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtinPacksDir } from '../bot/load-packs.ts';
import { minimalPackYaml } from '../bot/minimal-pack.fixture.ts';
import { captureConsole as capture } from './capture-console.fixture.ts';
import { run } from './check-pack.ts';

const root = mkdtempSync(join(tmpdir(), 'baton-check-pack-'));
/** Writes files under a fresh folder and returns it. */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

afterEach(() => vi.restoreAllMocks());

describe('baton check-pack', () => {
  it('passes the demo packs', async () => {
    const { out } = capture();
    expect(await run([builtinPacksDir])).toBe(0);
    expect(out.at(-1)).toBe('6 of 6 pack(s) ok');
  });

  it('reports a policy typo with the file, path, line and hint, and exits 1', async () => {
    const dir = folder('typo', {
      'shop/pack.yaml': `${minimalPackYaml}policy:\n  risks:\n    - id: upset\n      label: Upset\n      cues: [{ any: ['~frustation'] }]\n`,
    });
    const { err } = capture();
    expect(await run([dir])).toBe(1);
    expect(err.join('\n')).toMatch(
      /shop[/\\]pack\.yaml: invalid pack\n {2}policy\.risks\[0\]\.cues\[0\]\.any\[0\] \(line \d+\): unknown concept set "~frustation" \(did you mean "~frustration"\?\)/,
    );
  });

  it('checks the scenario files of a pack folder', async () => {
    const dir = folder('scen', {
      'shop/pack.yaml': minimalPackYaml,
      'shop/scenarios/a.jsonl':
        '{"id": "x", "pack": "bank", "turns": [{"text": "hi"}], "expect": {"handoff": false}}\n',
      'shop/scenarios/b.jsonl': '{"id": "y",\n',
    });
    const { out } = capture();
    expect(await run([join(dir, 'shop'), '--json'])).toBe(1);
    const report = JSON.parse(out.join('\n'));
    expect(report.ok).toBe(false);
    expect(report.packs[0].problems).toEqual([
      expect.stringMatching(/a\.jsonl: scenario x: names pack "bank", not "demo"/),
      expect.stringMatching(/b\.jsonl:1: bad JSON/),
    ]);
  });

  it('says clearly when the path does not exist (exit 2)', async () => {
    const { err } = capture();
    expect(await run([join(root, 'missing')])).toBe(2);
    expect(err.join('\n')).toMatch(/missing: no such file or folder/);
  });
});
