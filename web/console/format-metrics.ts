/** The dash shown where a figure has no sample. */
export const noValue = '–';

/** "60.2%" for 0.6023, "0%" for 0, "–" for null: one decimal, dropped when it is zero. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return noValue;
  return `${trimZero((rate * 100).toFixed(1))}%`;
}

/** "4.6 s", "15 s", "6.1 min", "42 min", "1.5 h": a duration in seconds, at a precision that fits its size. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return noValue;
  const abs = Math.abs(seconds);
  if (abs < 60) return `${abs < 10 ? trimZero(seconds.toFixed(1)) : Math.round(seconds)} s`;
  if (abs < 3600) {
    const m = seconds / 60;
    return `${Math.abs(m) < 10 ? trimZero(m.toFixed(1)) : Math.round(m)} min`;
  }
  return `${trimZero((seconds / 3600).toFixed(1))} h`;
}

/** "+4 s" or "−12 s": a signed duration (a true minus sign), "0 s" for zero. */
export function formatSignedDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return noValue;
  const text = formatDuration(Math.abs(seconds));
  if (text === '0 s') return text;
  return `${seconds < 0 ? '−' : '+'}${text}`;
}

/** "1,234": a count with thousands separators. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? noValue : n.toLocaleString('en-US');
}

/** "3.73": a CSAT average with two decimals at most. */
export function formatRating(average: number | null | undefined): string {
  if (average === null || average === undefined || !Number.isFinite(average)) return noValue;
  return trimZero(average.toFixed(2).replace(/0$/, ''));
}

/** "Explicit request" for `explicit_request`, "L2" for `l2`: an id as a label. */
export function humanize(key: string): string {
  const words = key.split(/[_\-\s:]+/).filter(Boolean);
  if (words.length === 0) return key;
  const text = words.join(' ');
  if (/^[a-z]\d+$/i.test(text)) return text.toUpperCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function trimZero(text: string): string {
  return text.replace(/\.0+$/, '');
}
