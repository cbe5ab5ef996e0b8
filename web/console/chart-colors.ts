import { otherKey } from './stack-series.ts';

/** Colours for categories (reasons), distinct and readable on white, in the order they are handed out. */
export const categoryColors = [
  '#4f46e5',
  '#0891b2',
  '#d97706',
  '#059669',
  '#db2777',
  '#7c3aed',
  '#65a30d',
] as const;
/** The colour of "everything else". */
export const otherColor = '#94a3b8';

/** Handoff outcomes, CSAT paths and single-series marks. */
export const colors = {
  resolved: '#059669',
  open: '#3b82f6',
  handedBack: '#d97706',
  abandoned: '#dc2626',
  bot: '#312e81',
  team: '#475569',
  primary: '#4f46e5',
  primarySoft: '#c7d2fe',
  breach: '#dc2626',
  early: '#0891b2',
  late: '#d97706',
  grid: '#e2e8f0',
  axis: '#94a3b8',
  label: '#64748b',
} as const;

/**
 * A colour per key in rank order (the summary's reasons, most handoffs first): the first keys get their own,
 * the rest and `otherKey` the "other" grey. The same key gets the same colour in every chart of one summary.
 */
export function colorsByRank(keys: readonly string[]): (key: string) => string {
  const own = new Map(keys.slice(0, categoryColors.length).map((k, i) => [k, categoryColors[i]!]));
  return (key) => (key === otherKey ? otherColor : (own.get(key) ?? otherColor));
}
