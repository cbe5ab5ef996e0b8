/** Conversations started and handoffs made in one time bucket, with handoffs by rule and by intent. */
export type SpikeBucket = {
  start: number;
  conversations: number;
  handoffs: number;
  byRule: Record<string, number>;
  byIntent: Record<string, number>;
};

export type SpikeOptions = {
  /** The latest buckets form the window under test; all earlier ones the baseline. */
  windowBuckets: number;
  /** Fewer handoffs than this in the window never alarm. */
  minHandoffs: number;
  /** Window rate / baseline rate needed (overall). */
  minRatio: number;
  /** One-sided Poisson p-value needed (overall). */
  maxPValue: number;
  /** Fewer baseline conversations than this: no verdict. */
  minBaselineConversations: number;
  /** A single reason alarms on its own when its rate is this many times its baseline (with a Bonferroni p-value). */
  minReasonRatio: number;
};

export const defaultSpikeOptions: SpikeOptions = {
  windowBuckets: 4,
  minHandoffs: 8,
  minRatio: 1.5,
  maxPValue: 0.001,
  minBaselineConversations: 50,
  minReasonRatio: 3,
};

/** A reason or intent that contributes more handoffs than its own baseline predicts. */
export type SpikeDriver = { key: string; observed: number; expected: number; excess: number; pValue: number };

export type WindowStats = { conversations: number; handoffs: number; rate: number | null };

export type SpikeVerdict =
  | {
      kind: 'none';
      why: 'insufficient_baseline' | 'too_few_handoffs' | 'not_significant';
      window: WindowStats;
      baseline: WindowStats;
    }
  | {
      kind: 'spike';
      /** `rate`: the overall handoff rate; `reason`: one reason well above its own baseline. */
      trigger: 'rate' | 'reason';
      window: WindowStats;
      baseline: WindowStats;
      expected: number;
      ratio: number;
      pValue: number;
      drivers: { rules: SpikeDriver[]; intents: SpikeDriver[] };
    };

/**
 * Decides whether the handoff rate (handoffs per conversation started) in the latest window is well above
 * its trailing baseline: observed handoffs against a Poisson with the baseline rate times the window's
 * conversations, with a minimum count, a minimum ratio and a p-value. Names the rules and intents with the
 * largest excess over their own baseline.
 */
export function detectSpike(
  buckets: readonly SpikeBucket[],
  options: SpikeOptions = defaultSpikeOptions,
): SpikeVerdict {
  const sorted = [...buckets].sort((a, b) => a.start - b.start);
  const split = Math.max(0, sorted.length - options.windowBuckets);
  const base = total(sorted.slice(0, split));
  const win = total(sorted.slice(split));
  const window = stats(win);
  const baseline = stats(base);
  if (base.conversations < options.minBaselineConversations)
    return { kind: 'none', why: 'insufficient_baseline', window, baseline };
  // The window's own conversations, or (when few started) the baseline's average per window, set the exposure.
  const exposure = Math.max(
    win.conversations,
    (base.conversations / Math.max(1, split)) * Math.min(options.windowBuckets, sorted.length - split) * 0.25,
  );
  const expectFor = (baselineCount: number) => (exposure * (baselineCount + 0.5)) / (base.conversations + 1);
  const drivers = (observed: Record<string, number>, baselineOf: Record<string, number>) =>
    Object.entries(observed)
      .map(([key, n]) => {
        const expected = expectFor(baselineOf[key] ?? 0);
        return {
          key,
          observed: n,
          expected: round(expected),
          excess: round(n - expected),
          pValue: poissonUpperTail(n, expected),
        };
      })
      .filter((d) => d.excess > 0)
      .sort((a, b) => b.excess - a.excess || a.key.localeCompare(b.key));
  const expected = expectFor(base.handoffs);
  const ratio = win.handoffs / expected;
  const pValue = poissonUpperTail(win.handoffs, expected);
  const rules = drivers(win.byRule, base.byRule);
  const intents = drivers(win.byIntent, base.byIntent);
  const name = (list: SpikeDriver[]) => {
    const excess = list.reduce((s, d) => s + d.excess, 0);
    const named = list.filter((d) => d.excess >= Math.max(2, excess * 0.2) && d.pValue < 0.05).slice(0, 3);
    return named.length > 0 ? named : list.slice(0, 1);
  };
  const verdict = (trigger: 'rate' | 'reason', named: SpikeDriver[]) =>
    ({
      kind: 'spike',
      trigger,
      window,
      baseline,
      expected: round(expected),
      ratio: round(ratio),
      pValue,
      drivers: { rules: named, intents: name(intents) },
    }) as const;

  if (win.handoffs >= options.minHandoffs && ratio >= options.minRatio && pValue < options.maxPValue)
    return verdict('rate', name(rules));
  const reasonSpike = rules.filter(
    (d) =>
      d.observed >= options.minHandoffs &&
      d.observed >= d.expected * options.minReasonRatio &&
      d.pValue < options.maxPValue / Math.max(1, rules.length),
  );
  if (reasonSpike.length > 0) return verdict('reason', reasonSpike.slice(0, 3));
  return {
    kind: 'none',
    why: win.handoffs < options.minHandoffs ? 'too_few_handoffs' : 'not_significant',
    window,
    baseline,
  };
}

function total(buckets: readonly SpikeBucket[]): Omit<SpikeBucket, 'start'> {
  const out = {
    conversations: 0,
    handoffs: 0,
    byRule: {} as Record<string, number>,
    byIntent: {} as Record<string, number>,
  };
  for (const b of buckets) {
    out.conversations += b.conversations;
    out.handoffs += b.handoffs;
    for (const [k, n] of Object.entries(b.byRule)) out.byRule[k] = (out.byRule[k] ?? 0) + n;
    for (const [k, n] of Object.entries(b.byIntent)) out.byIntent[k] = (out.byIntent[k] ?? 0) + n;
  }
  return out;
}

function stats(t: { conversations: number; handoffs: number }): WindowStats {
  return {
    conversations: t.conversations,
    handoffs: t.handoffs,
    rate: t.conversations > 0 ? round(t.handoffs / t.conversations) : null,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** P(X >= k) for X ~ Poisson(lambda), summed in log space. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let sum = 0;
  const stop = Math.max(k, lambda) + 40 * Math.sqrt(lambda) + 50;
  for (let i = k; i <= stop; i++) {
    const term = Math.exp(-lambda + i * Math.log(lambda) - logFactorial(i));
    sum += term;
    if (i > lambda && term < sum * 1e-15) break;
  }
  return Math.min(1, sum);
}

/** ln(n!) via the Lanczos approximation of ln Γ(n + 1). */
export function logFactorial(n: number): number {
  if (n < 2) return 0;
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const x = n; // ln Γ(x + 1)
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
