import { closeSync, fchmodSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DemoLogin } from './agent-service.ts';

/** The file in the data folder that holds the demo logins (readable by their owner only). */
export const demoLoginsFile = 'demo-logins.txt';

/**
 * Writes the demo console logins to `demo-logins.txt` in the data folder, readable by this user only, and
 * returns its path: the passwords go there, never to the terminal or the log stream.
 */
export function saveDemoLogins(dataDir: string, logins: DemoLogin[], now: Date): string {
  mkdirSync(dataDir, { recursive: true });
  const file = resolve(join(dataDir, demoLoginsFile));
  const fd = openSync(file, 'w', 0o600);
  try {
    // Tighten an older file before anything is written to it.
    fchmodSync(fd, 0o600);
    ftruncateSync(fd);
    const lines = [
      `# Baton demo console logins, created ${now.toISOString()}: role, email, password.`,
      '# Change a password with: npx baton user reset-password --email EMAIL',
      ...logins.map((l) => `${l.role.padEnd(10)} ${l.email.padEnd(32)} ${l.password}`),
    ];
    writeSync(fd, `${lines.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Reads the logins back from a file written by `saveDemoLogins` (comment lines skipped). */
export function parseDemoLogins(text: string): { role: string; email: string; password: string }[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [role = '', email = '', password = ''] = line.trim().split(/\s+/);
      return { role, email, password };
    });
}
