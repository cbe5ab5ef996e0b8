import type { Effect } from '../../src/protocol/learning.ts';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** One line per figure of a suggestion's predicted effect, as the Improve view shows it. */
export function describeEffect(effect: Effect): string[] {
  if (effect.method === 'not_measured' || !effect.before || !effect.after)
    return [effect.note ?? 'Effect not measured.'];
  const { before, after } = effect;
  const how =
    effect.method === 'folds'
      ? `on ${effect.conversations} labelled conversations, ${effect.folds} held-out folds`
      : `replayed on ${effect.conversations} labelled conversations`;
  return [
    `F1 ${pct(before.f1)} → ${pct(after.f1)} (${how})`,
    `Needless handoffs ${pct(before.needless)} → ${pct(after.needless)}`,
    `Precision ${pct(before.precision)} → ${pct(after.precision)}, recall ${pct(before.recall)} → ${pct(after.recall)}`,
    ...(before.onTime !== undefined && after.onTime !== undefined
      ? [`Needed handoffs on time ${pct(before.onTime)} → ${pct(after.onTime)}`]
      : []),
    `Handoffs gained ${effect.handoffsGained}, lost ${effect.handoffsLost}`,
    ...(effect.note ? [effect.note] : []),
  ];
}

/** A diff entry's value in a line: strings quoted, objects as short JSON. */
export function showValue(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
