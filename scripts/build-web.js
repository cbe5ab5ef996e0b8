#!/usr/bin/env node
// Builds the web UI (widget.js, the demo page, the agent console) into dist/web with Vite.
//   node scripts/build-web.js               always build
//   node scripts/build-web.js --if-stale    build only when web/ or src/protocol/ changed since the last build
//   node scripts/build-web.js --if-missing  same, for `postinstall`: never fails the install (prints the error, exits 0)
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'web');
const stampFile = join(outDir, '.build-stamp');
const inputs = ['web', 'src/protocol', 'scripts/build-web.js'];
const outputs = ['index.html', 'widget.js', 'console/index.html'];
const widgetBudget = 80 * 1024;

/** A hash over every source file that shapes the build (tests excluded). */
async function sourceHash() {
  const hash = createHash('sha256');
  const files = (await Promise.all(inputs.map((p) => listFiles(join(root, p))))).flat().sort();
  for (const file of files) {
    hash.update(relative(root, file).replaceAll('\\', '/'));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

async function listFiles(path) {
  const info = await stat(path).catch(() => null);
  if (!info) return [];
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.') && !/\.test\.tsx?$/.test(e.name))
      .map((e) => listFiles(join(path, e.name))),
  );
  return nested.flat();
}

async function isFresh(hash) {
  const stamp = await readFile(stampFile, 'utf8').catch(() => '');
  if (stamp.trim() !== hash) return false;
  const present = await Promise.all(
    outputs.map((o) =>
      stat(join(outDir, o)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return present.every(Boolean);
}

/** Builds into a fresh folder and swaps it in, so a failed build never leaves a half-built dist/web behind. */
async function build(hash) {
  const { build: viteBuild } = await import('vite');
  const next = `${outDir}.next`;
  const old = `${outDir}.old`;
  await rm(next, { recursive: true, force: true });
  await mkdir(next, { recursive: true });
  const configFile = join(root, 'web', 'vite.config.ts');
  for (const mode of ['widget', 'demo', 'console']) {
    const out = mode === 'console' ? join(next, 'console') : next;
    await viteBuild({ configFile, mode, logLevel: 'warn', build: { outDir: out } });
  }
  const widget = await stat(join(next, 'widget.js'));
  const kb = (widget.size / 1024).toFixed(1);
  if (widget.size > widgetBudget)
    console.warn(`build-web: widget.js is ${kb} kB, over the ${widgetBudget / 1024} kB budget`);
  await writeFile(join(next, '.build-stamp'), `${hash}\n`);
  await rm(old, { recursive: true, force: true });
  await rename(outDir, old).catch((err) => {
    if (err.code !== 'ENOENT') throw err;
  });
  await rename(next, outDir);
  await rm(old, { recursive: true, force: true });
  console.log(`build-web: built dist/web (widget.js ${kb} kB)`);
}

/** Runs `fn` while holding dist/web.lock, so parallel callers (two test files, say) never build over each other. */
async function withLock(fn) {
  const lock = `${outDir}.lock`;
  await mkdir(dirname(outDir), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const since = await stat(lock).then(
        (s) => s.mtimeMs,
        () => Date.now(),
      );
      // A lock this old was left by a build that crashed.
      if (Date.now() - since > 300_000) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another build still holds ${lock}`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const lenient = args.includes('--if-missing');
  const onlyIfStale = lenient || args.includes('--if-stale');
  try {
    const hash = await sourceHash();
    if (onlyIfStale && (await isFresh(hash))) return;
    await withLock(async () => {
      // Whoever held the lock may just have built these very sources.
      if (onlyIfStale && (await isFresh(hash))) return;
      await build(hash);
    });
  } catch (err) {
    console.error(`build-web: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (lenient) {
      console.error('build-web: the web UI was not built; run `npm run build:web` to see why.');
      return;
    }
    process.exitCode = 1;
  }
}

await main();
