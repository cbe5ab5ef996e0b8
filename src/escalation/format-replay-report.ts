import type { ReplayChange, ReplayOutcome, ReplayReport } from './replay-conversations.ts';

const LABELS: Record<ReplayChange, string> = {
  now_handed_off: 'now handed off',
  now_kept: 'now kept by the bot',
  earlier: 'handed off earlier',
  later: 'handed off later',
  team: 'to another team',
  priority: 'another priority',
  kind: 'offer <-> handoff',
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One outcome in a few words: "handoff at turn 2 to loans (high, rule lending)" or "kept (3 turns)". */
export function describeOutcome(o: ReplayOutcome): string {
  if (o.kind === 'stay') return `kept (${o.turns} turn${o.turns === 1 ? '' : 's'})`;
  return `${o.kind} at turn ${o.turn} to ${o.team} (${o.priority}, rule ${o.rule})`;
}

/** The replay report as text: totals, counts per kind of change, then one block per changed conversation. */
export function formatReplayReport(report: ReplayReport, options: { maxDiffs?: number } = {}): string {
  const delta = report.handoffRateAfter - report.handoffRateBefore;
  const lines = [
    `conversations      ${report.conversations}`,
    `handoff rate       ${pct(report.handoffRateBefore)} -> ${pct(report.handoffRateAfter)} (${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)} points)`,
    `changed            ${report.diffs.length}`,
  ];
  for (const [change, label] of Object.entries(LABELS) as [ReplayChange, string][]) {
    if (report.counts[change] > 0) lines.push(`  ${label.padEnd(20)} ${report.counts[change]}`);
  }
  const max = options.maxDiffs ?? 50;
  for (const d of report.diffs.slice(0, max)) {
    lines.push('', `${d.id}: ${d.changes.map((c) => LABELS[c]).join(', ')}`);
    lines.push(`  before: ${describeOutcome(d.before)}`, `  after:  ${describeOutcome(d.after)}`);
    if (d.before.kind !== 'stay' && d.before.reasons[0]) lines.push(`    was: ${d.before.reasons[0]}`);
    for (const r of d.after.reasons.slice(0, 3)) lines.push(`    now: ${r}`);
  }
  if (report.diffs.length > max) lines.push('', `... and ${report.diffs.length - max} more`);
  return lines.join('\n');
}
