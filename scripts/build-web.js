#!/usr/bin/env node
// Builds the web UI (widget.js, the demo page, the agent console) into dist/web with Vite.
//   node scripts/build-web.js               always build
//   node scripts/build-web.js --if-stale    build only when web/ or src/protocol/ changed since the last build
//   node scripts/build-web.js --if-missing  same, for `postinstall`: never fails the install (prints the error, exits 0)
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

async function build(hash) {
  const { build: viteBuild } = await import('vite');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const configFile = join(root, 'web', 'vite.config.ts');
  for (const mode of ['widget', 'demo', 'console']) {
    await viteBuild({ configFile, mode, logLevel: 'warn' });
  }
  const widget = await stat(join(outDir, 'widget.js'));
  const kb = (widget.size / 1024).toFixed(1);
  if (widget.size > widgetBudget)
    console.warn(`build-web: widget.js is ${kb} kB, over the ${widgetBudget / 1024} kB budget`);
  await writeFile(stampFile, `${hash}\n`);
  console.log(`build-web: built dist/web (widget.js ${kb} kB)`);
}

async function main() {
  const args = process.argv.slice(2);
  const lenient = args.includes('--if-missing');
  const onlyIfStale = lenient || args.includes('--if-stale');
  try {
    const hash = await sourceHash();
    if (onlyIfStale && (await isFresh(hash))) return;
    await build(hash);
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
