import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import type { Config } from '../../src/platform/config.ts';
import { type RunningBaton, type StartOptions, startBaton } from '../../src/server/start-baton.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const chromiumPath = '/usr/bin/chromium';
export const shotsDir = join(repoRoot, 'test-results', 'browser');

/** Browser tests run when Chromium is installed, and always in CI (where a missing browser is a failure). */
export const browserTestsEnabled = existsSync(chromiumPath) || Boolean(process.env.CI);
if (!browserTestsEnabled) {
  console.warn(
    `browser tests skipped: ${chromiumPath} is missing (apt-get install chromium; in CI they always run)`,
  );
}

/** Builds dist/web when web/ or src/protocol/ changed since the last build (the server serves it from there). */
export function buildWebIfStale(): void {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build-web.js'), '--if-stale'], {
    stdio: 'inherit',
  });
}

/** A clock that runs from `start` at real speed: business hours in tests do not depend on when they run. */
export function clockFrom(start: string): () => Date {
  const offset = Date.parse(start) - Date.now();
  return () => new Date(Date.now() + offset);
}

/** Starts Baton in-process on a free port, in memory, whatever DATABASE_URL / REDIS_URL the environment (CI) sets. */
export function startTestBaton(
  config: Partial<Config> = {},
  now?: () => Date,
  options: Omit<StartOptions, 'config' | 'now'> = {},
): Promise<RunningBaton> {
  return startBaton({
    ...options,
    now,
    config: {
      port: 0,
      host: '127.0.0.1',
      dataDir: '',
      databaseUrl: undefined,
      redisUrl: undefined,
      demoUsers: true,
      logLevel: 'warn',
      ...config,
    },
  });
}

/** Headless system Chromium with the flags that keep it quiet and offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects uncaught page errors so a test can assert there were none. */
export function watchErrors(page: Page, into: string[], name: string): void {
  page.on('pageerror', (err) => into.push(`${name}: ${err.message}`));
}

/** Signs a demo user into the console and waits for the live connection; agents are set Online (supervisors only watch). */
export async function signInConsole(page: Page, baton: RunningBaton, email: string): Promise<void> {
  const login = baton.demoLogins.find((l) => l.email === email);
  if (!login)
    throw new Error(`no demo login ${email}; have ${baton.demoLogins.map((l) => l.email).join(', ')}`);
  await page.goto(`${baton.url}/console/`);
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.locator('.conn-live'), `the live connection of ${email}`);
  if (login.role !== 'agent') {
    await visible(page.getByRole('button', { name: 'Take chats' }), `${email} not taking chats`);
    return;
  }
  await page.getByRole('button', { name: 'Online', exact: true }).click();
  await visible(page.locator('.presence-online[aria-pressed="true"]'), `${email} online`);
}

/** Saves a screenshot to test-results/browser/NAME.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
}

/** Waits until the locator matches a visible element, with a message naming what was awaited. */
export async function visible(locator: Locator, what: string, timeout = 15_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch (err) {
    throw new Error(
      `timed out after ${timeout} ms waiting for ${what}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
}

/** Waits until no element matches the locator. */
export async function gone(locator: Locator, what: string, timeout = 15_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'detached', timeout });
  } catch (err) {
    throw new Error(
      `timed out after ${timeout} ms waiting for ${what} to go: ${(err as Error).message.split('\n')[0]}`,
    );
  }
}
