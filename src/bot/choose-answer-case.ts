import type { PackAnswerCase, PackCondition } from '../protocol/pack.ts';
import { resolveField, type TemplateContext } from './render-template.ts';

const asNumber = (v: unknown): number | null => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};

/** Whether one condition holds for the values the bot knows. */
export function conditionHolds(condition: PackCondition, context: TemplateContext): boolean {
  const value = resolveField(context, condition.field);
  const present = value !== undefined && value !== null && value !== '';
  if (condition.exists !== undefined && condition.exists !== present) return false;
  const same = (x: unknown) => String(x).toLowerCase() === String(value).toLowerCase();
  if (condition.equals !== undefined && !(present && same(condition.equals))) return false;
  if (condition.in !== undefined && !(present && condition.in.some(same))) return false;
  const n = asNumber(value);
  const bounds: [number | undefined, (a: number, b: number) => boolean][] = [
    [condition.lt, (a, b) => a < b],
    [condition.lte, (a, b) => a <= b],
    [condition.gt, (a, b) => a > b],
    [condition.gte, (a, b) => a >= b],
  ];
  for (const [bound, compare] of bounds) {
    if (bound !== undefined && (n === null || !compare(n, bound))) return false;
  }
  return true;
}

/** The first answer case whose conditions all hold, or null. */
export function chooseAnswerCase(
  cases: readonly PackAnswerCase[],
  context: TemplateContext,
): PackAnswerCase | null {
  return cases.find((c) => c.when.every((cond) => conditionHolds(cond, context))) ?? null;
}
