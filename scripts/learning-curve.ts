/**
 * The learning curve of docs/learning.md: learns the car rental pack from the first N conversations of
 * learn.jsonl with `baton learn --approve all`, scores each result on test.jsonl with `baton eval`, and
 * writes the table (JSON) and the chart (SVG).
 *
 *   node bin/run-ts.js scripts/learning-curve.ts [--out docs]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const data = 'test/learning/car-rental';
const sizes = [25, 50, 80, 100, 200, 300];
const outDir = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : 'docs';
const work = mkdtempSync(join(tmpdir(), 'baton-curve-'));
const learnLines = readFileSync(join(data, 'learn.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

type Row = {
  n: number;
  f1: number;
  precision: number;
  recall: number;
  needless: number;
  team: number;
  seconds: number;
};

function evalPack(packDir: string): Omit<Row, 'n' | 'seconds'> {
  const out = execFileSync(
    'node',
    ['bin/baton.js', 'eval', join(data, 'test.jsonl'), '--packs', packDir, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const s = JSON.parse(out) as Record<string, number>;
  return {
    f1: s.f1!,
    precision: s.precision!,
    recall: s.recall!,
    needless: s.unnecessary_rate!,
    team: s.team_accuracy!,
  };
}

const rows: Row[] = [{ n: 0, seconds: 0, ...evalPack(join(data, 'pack')) }];
for (const n of sizes) {
  const history = join(work, `learn-${n}.jsonl`);
  writeFileSync(history, `${learnLines.slice(0, n).join('\n')}\n`);
  const out = join(work, `pack-${n}`);
  const started = Date.now();
  execFileSync(
    'node',
    [
      'bin/baton.js',
      'learn',
      '--packs',
      join(data, 'pack'),
      '--pack',
      'carrental',
      '--history',
      history,
      '--approve',
      'all',
      '--out',
      out,
      '--json',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  rows.push({ n, seconds: (Date.now() - started) / 1000, ...evalPack(out) });
  console.error(`learned from ${n}: ${JSON.stringify(rows.at(-1))}`);
}
writeFileSync(join(outDir, 'learning-curve.json'), `${JSON.stringify(rows, null, 2)}\n`);
writeFileSync(join(outDir, 'learning-curve.svg'), chart(rows));
console.log(table(rows));

function table(list: readonly Row[]): string {
  const p = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    '| learned from | F1 | precision | recall | needless handoffs | team accuracy | learn time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of list)
    lines.push(
      `| ${r.n === 0 ? 'nothing (baseline)' : r.n} | ${p(r.f1)} | ${p(r.precision)} | ${p(r.recall)} | ${p(r.needless)} | ${p(r.team)} | ${r.n === 0 ? '-' : `${r.seconds.toFixed(1)} s`} |`,
    );
  return lines.join('\n');
}

/** A small line chart: F1 and needless-handoff rate against the number of labelled conversations. */
function chart(list: readonly Row[]): string {
  const w = 560;
  const h = 300;
  const m = { l: 50, r: 20, t: 30, b: 40 };
  const maxN = Math.max(...list.map((r) => r.n));
  const x = (n: number) => m.l + ((w - m.l - m.r) * n) / maxN;
  const y = (v: number) => h - m.b - (h - m.t - m.b) * v;
  const line = (pick: (r: Row) => number) =>
    list.map((r) => `${x(r.n).toFixed(1)},${y(pick(r)).toFixed(1)}`).join(' ');
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (v) =>
        `<line x1="${m.l}" x2="${w - m.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${m.l - 8}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v * 100}%</text>`,
    )
    .join('');
  const ticks = list
    .map((r) => `<text x="${x(r.n)}" y="${h - m.b + 16}" text-anchor="middle" font-size="11">${r.n}</text>`)
    .join('');
  const dots = (pick: (r: Row) => number, color: string) =>
    list
      .map((r) => `<circle cx="${x(r.n).toFixed(1)}" cy="${y(pick(r)).toFixed(1)}" r="3" fill="${color}"/>`)
      .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" role="img">
<title>Learning curve: F1 and needless handoffs by labelled conversations learned from</title>
<text x="${m.l}" y="18" font-size="13">Car rental, scored on test.jsonl (150 conversations never learned from)</text>
${grid}${ticks}
<text x="${(w + m.l) / 2}" y="${h - 6}" text-anchor="middle" font-size="11">labelled conversations learned from</text>
<polyline points="${line((r) => r.f1)}" fill="none" stroke="#2563eb" stroke-width="2"/>${dots((r) => r.f1, '#2563eb')}
<polyline points="${line((r) => r.needless)}" fill="none" stroke="#dc2626" stroke-width="2"/>${dots((r) => r.needless, '#dc2626')}
<text x="${w - m.r}" y="${y(0.62)}" text-anchor="end" font-size="12" fill="#2563eb">F1</text>
<text x="${w - m.r}" y="${y(0.12)}" text-anchor="end" font-size="12" fill="#dc2626">needless handoffs</text>
</svg>
`;
}
