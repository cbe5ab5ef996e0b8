import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseLockedError, lockDataDir } from './lock-data-dir.ts';

describe('lockDataDir', () => {
  it('is re-entrant in one process and released by the last holder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    const a = lockDataDir(dir);
    const b = lockDataDir(dir);
    a();
    expect(existsSync(join(dir, 'baton.lock'))).toBe(true);
    b();
    expect(existsSync(join(dir, 'baton.lock'))).toBe(false);
  });

  it('refuses a folder held by another live process and takes over a dead one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-lock-'));
    writeFileSync(join(dir, 'baton.lock'), `${process.ppid} serve\n`);
    expect(() => lockDataDir(dir)).toThrow(DatabaseLockedError);
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(join(dir, 'baton.lock'), `${dead} serve\n`);
    const release = lockDataDir(dir);
    release();
  });
});
