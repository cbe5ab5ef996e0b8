/** One plotted sentiment point: where it sits in the box, and what it shows. */
export type SparkPoint = { x: number; y: number; score: number; turn: number };

/** A sparkline laid out in a box: the points, the SVG path through them, and the y of the neutral line. */
export type Sparkline = { points: SparkPoint[]; path: string; zeroY: number };

type Box = { width: number; height: number; pad: number };

/**
 * Lays sentiment scores (-1 negative .. 1 positive, one per customer turn) out in a box: turns spread evenly
 * left to right, scores top (positive) to bottom (negative) on a fixed scale so a flat neutral line stays in the
 * middle; a single turn sits in the centre. Scores outside [-1, 1] are clamped.
 */
export function scaleSparkline(scores: readonly { turn: number; score: number }[], box: Box): Sparkline {
  const innerW = Math.max(0, box.width - 2 * box.pad);
  const innerH = Math.max(0, box.height - 2 * box.pad);
  const yOf = (score: number) => round(box.pad + ((1 - clamp(score)) / 2) * innerH);
  const step = scores.length > 1 ? innerW / (scores.length - 1) : 0;
  const points = scores.map((s, i) => ({
    x: round(scores.length > 1 ? box.pad + i * step : box.width / 2),
    y: yOf(s.score),
    score: clamp(s.score),
    turn: s.turn,
  }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  return { points, path, zeroY: yOf(0) };
}

/** "negative", "neutral" or "positive" for a score, with a small dead zone around zero. */
export function sentimentTone(score: number): 'negative' | 'neutral' | 'positive' {
  if (score <= -0.15) return 'negative';
  if (score >= 0.15) return 'positive';
  return 'neutral';
}

function clamp(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(-1, v)) : 0;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
