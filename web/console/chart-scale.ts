/** A value axis from 0: its top (at or above the largest value) and the ticks to label. */
export type Axis = { max: number; ticks: number[] };

/**
 * A value axis from 0 to at least `max` with about `count` evenly spaced ticks at round steps (1, 2, 2.5 or 5
 * times a power of ten); `integer` keeps steps whole (for counts). An empty or invalid `max` gives 0..1.
 */
export function niceAxis(max: number, count = 4, integer = false): Axis {
  const top = Number.isFinite(max) && max > 0 ? max : 0;
  if (top === 0) return { max: 1, ticks: [0, 1] };
  let step = niceStep(top / Math.max(1, count));
  if (integer) step = Math.max(1, Math.round(step));
  const steps = Math.max(1, Math.ceil(top / step - 1e-9));
  const ticks = Array.from({ length: steps + 1 }, (_, i) => round(i * step));
  return { max: ticks.at(-1)!, ticks };
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * power;
}

/** Steps a duration axis may take, in seconds: round seconds, minutes and hours. */
const durationSteps = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
];

/**
 * A duration axis (seconds) from 0 to at least `max` with about `count` ticks at steps that read well as time
 * (10 s, 30 s, 5 min, 15 min, 1 h, ...); sub-second spans fall back to `niceAxis`.
 */
export function niceDurationAxis(max: number, count = 3): Axis {
  if (!Number.isFinite(max) || max <= 1) return niceAxis(max, count);
  const raw = max / Math.max(1, count);
  const step = durationSteps.find((s) => s >= raw) ?? Math.ceil(raw / 86_400) * 86_400;
  const steps = Math.max(1, Math.ceil(max / step - 1e-9));
  return { max: steps * step, ticks: Array.from({ length: steps + 1 }, (_, i) => i * step) };
}

/** Maps [0, domainMax] onto [from, to] (to may be below from, for a y axis drawn upwards). */
export function scaleLinear(domainMax: number, from: number, to: number): (value: number) => number {
  const span = domainMax > 0 ? domainMax : 1;
  return (value) => round(from + ((to - from) * Math.max(0, Math.min(value, span))) / span);
}

/** `n` equal bands across `width` with `padding` (0..1) of each band left empty: where band `i` starts and how wide bars are. */
export function bandLayout(
  n: number,
  width: number,
  padding = 0.2,
): { x: (i: number) => number; bar: number; step: number } {
  const step = n > 0 ? width / n : width;
  const bar = round(step * (1 - padding));
  return { x: (i) => round(i * step + (step - bar) / 2), bar, step };
}

/** Which of `n` labels to show so that at most `fit` are: every k-th from the first. */
export function labelEvery(n: number, fit: number): (i: number) => boolean {
  const every = Math.max(1, Math.ceil(n / Math.max(1, fit)));
  return (i) => i % every === 0;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
