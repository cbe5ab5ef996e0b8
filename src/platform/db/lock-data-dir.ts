import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The embedded database folder is held by another live process. */
export class DatabaseLockedError extends Error {
  override name = 'DatabaseLockedError';
}

const held = new Map<string, number>();

/**
 * PGlite does not stop a second process from opening its folder (which would corrupt it), so every
 * Baton process holds `baton.lock` (with its pid) in the data folder while the embedded database is open.
 * Re-entrant within one process; a lock left by a dead process is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string, command = 'baton'): () => void {
  const dir = resolve(dataDir);
  const release = () => {
    const n = (held.get(dir) ?? 1) - 1;
    if (n > 0) {
      held.set(dir, n);
      return;
    }
    held.delete(dir);
    rmSync(join(dir, 'baton.lock'), { force: true });
  };
  const count = held.get(dir);
  if (count) {
    held.set(dir, count + 1);
    return release;
  }
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'baton.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid} ${command}\n`);
      closeSync(fd);
      held.set(dir, 1);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const [pid, holder] = readFileSync(file, 'utf8').trim().split(/\s+/);
      if (pid && Number(pid) !== process.pid && isAlive(Number(pid))) {
        throw new DatabaseLockedError(
          `the embedded database in ${dir} is in use by process ${pid} (${holder ?? 'baton'}). ` +
            'It allows one process at a time: stop that process, or set DATABASE_URL to use PostgreSQL.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DatabaseLockedError(`cannot take ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
