import { higherPriority, type Priority } from '../protocol/decision.ts';
import type { Compare, Condition, Operand } from '../protocol/policy.ts';
import {
  type AssessContext,
  competitorNamed,
  daysAgo,
  maxAmount,
  readPath,
  toolResult,
  trustedIntent,
  vitals,
} from './assess-context.ts';
import { matchTerms } from './text/match-terms.ts';

/** Whether a condition holds, how strongly (the score of the signals in it; 1 for plain facts), and why. */
export type ConditionResult = {
  ok: boolean;
  score: number;
  evidence: string[];
  team?: string;
  /** A priority a signal in the condition points to (the highest when several do). */
  priority?: Priority;
};

const NO: ConditionResult = { ok: false, score: 0, evidence: [] };
const yes = (evidence: string[]): ConditionResult => ({ ok: true, score: 1, evidence });

/** Evaluates one policy condition on the current turn of a conversation. */
export function matchCondition(ctx: AssessContext, cond: Condition): ConditionResult {
  if ('all' in cond) {
    let score = 1;
    let team: string | undefined;
    let priority: Priority | undefined;
    const evidence: string[] = [];
    for (const c of cond.all) {
      const r = matchCondition(ctx, c);
      if (!r.ok) return NO;
      score = Math.min(score, r.score);
      evidence.push(...r.evidence);
      team ??= r.team;
      if (r.priority) priority = priority ? higherPriority(priority, r.priority) : r.priority;
    }
    return { ok: true, score, evidence, ...(team ? { team } : {}), ...(priority ? { priority } : {}) };
  }
  if ('any' in cond) {
    let best = NO;
    for (const c of cond.any) {
      const r = matchCondition(ctx, c);
      if (r.ok && (!best.ok || r.score > best.score)) best = r;
    }
    return best;
  }
  if ('not' in cond) return matchCondition(ctx, cond.not).ok ? NO : yes([]);
  if ('signal' in cond) return matchSignal(ctx, cond.signal, cond.min ?? 0.01, cond.ever ?? false);
  if ('intent' in cond) {
    const turns = cond.scope === 'conversation' ? ctx.turns : [ctx.current];
    for (const t of turns) {
      const intent = trustedIntent(ctx, t);
      if (intent && cond.intent.includes(intent)) return yes([`intent ${intent}`]);
    }
    return NO;
  }
  if ('tag' in cond) {
    const turns = cond.scope === 'conversation' ? ctx.turns : [ctx.current];
    for (const t of turns) {
      const intent = trustedIntent(ctx, t);
      const tags = intent ? (ctx.pack.intents.get(intent)?.tags ?? []) : [];
      const tag = tags.find((x) => cond.tag.includes(x));
      if (tag) return yes([`intent ${intent} tagged ${tag}`]);
    }
    return NO;
  }
  if ('caseTag' in cond) {
    const turns = cond.scope === 'conversation' ? ctx.turns : [ctx.current];
    for (const t of turns) {
      const tag = t.answerCase?.tags.find((x) => cond.caseTag.includes(x));
      if (tag) return yes([`answer ${t.answerCase?.id} tagged ${tag}`]);
    }
    return NO;
  }
  if ('text' in cond) {
    const terms = ctx.pack.terms(cond.text);
    const docs = cond.scope === 'conversation' ? ctx.docs : [ctx.docs.at(-1)!];
    for (const doc of docs) {
      const hits = matchTerms(doc, terms);
      if (hits.length > 0) return yes(hits.slice(0, 3).map((h) => `"${h}"`));
    }
    return NO;
  }
  if ('tier' in cond)
    return cond.tier.includes(ctx.customer.tier) ? yes([`${ctx.customer.tier} customer`]) : NO;
  if ('attribute' in cond) {
    const value = ctx.customer.attributes[cond.attribute];
    return compareWith(ctx, value, cond, `${cond.attribute} ${String(value)}`);
  }
  if ('tool' in cond) {
    const value = readPath(toolResult(ctx, cond.tool), cond.field);
    return compareWith(ctx, value, cond, `${cond.tool}.${cond.field} = ${String(value)}`);
  }
  if ('fact' in cond) {
    const value = factValue(ctx, cond.fact);
    return compareWith(ctx, value, cond, describeFact(cond.fact, value));
  }
  if ('competitor' in cond) {
    const name = competitorNamed(ctx);
    if (cond.competitor) return name ? yes([`competitor named: ${name}`]) : NO;
    return name ? NO : yes(['no competitor named']);
  }
  if ('entity' in cond) {
    const turns = cond.scope === 'conversation' ? ctx.turns : [ctx.current];
    for (const t of turns) {
      const e = t.entities.find((x) => cond.entity.includes(x.type));
      if (e) return yes([`${e.type} ${e.value}`]);
    }
    return NO;
  }
  if ('flow' in cond) {
    const status = ctx.current.flow?.status;
    return status && cond.flow.includes(status) ? yes([`flow ${ctx.current.flow?.flow} ${status}`]) : NO;
  }
  return NO;
}

function matchSignal(ctx: AssessContext, name: string, min: number, ever: boolean): ConditionResult {
  const prefix = name.endsWith('*') ? name.slice(0, -1) : null;
  let best: ConditionResult = NO;
  for (const s of ctx.signals.values()) {
    if (prefix === null ? s.detector !== name : !s.detector.startsWith(prefix)) continue;
    const value = ever ? Math.max(s.score, s.peak ?? 0) : s.score;
    if (value >= min && value > best.score) {
      best = {
        ok: true,
        score: value,
        evidence: s.evidence,
        ...(s.team ? { team: s.team } : {}),
        ...(s.priority ? { priority: s.priority } : {}),
      };
    }
  }
  return best;
}

function factValue(ctx: AssessContext, fact: string): number | null {
  switch (fact) {
    case 'amount':
      return maxAmount(ctx);
    case 'days_ago':
      return daysAgo(ctx);
    case 'turn':
      return ctx.current.turn;
    case 'minutes':
      return ctx.elapsedMinutes;
    case 'confidence':
      return ctx.current.confidence;
    case 'systolic':
    case 'diastolic':
    case 'temperature':
    case 'glucose':
      return vitals(ctx)[fact];
    default:
      return null;
  }
}

function describeFact(fact: string, value: unknown): string {
  if (fact === 'amount') return `amount ${Number(value).toLocaleString('en-US')}`;
  if (fact === 'days_ago') return `${String(value)} days ago`;
  if (fact === 'systolic' || fact === 'diastolic') return `blood pressure reading (${fact} ${String(value)})`;
  if (fact === 'temperature') return `temperature ${String(value)} °F`;
  if (fact === 'glucose') return `blood sugar ${String(value)} mg/dL`;
  return `${fact} ${String(value)}`;
}

const BOUNDS = ['gt', 'gte', 'lt', 'lte'] as const;
const SYMBOL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** The value an operand names, with its arithmetic applied (null when it is not known in this conversation). */
export function operandValue(ctx: AssessContext, op: Operand): number | null {
  const [kind, ...rest] = op.ref.split('.');
  let raw: unknown;
  if (kind === 'tool') raw = readPath(toolResult(ctx, rest[0]!), rest.slice(1).join('.'));
  else if (kind === 'attribute') raw = ctx.customer.attributes[rest.join('.')];
  else if (kind === 'fact') raw = factValue(ctx, rest.join('.'));
  if (raw === undefined || raw === null || raw === '') return null;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(n)) return null;
  return n * (op.times ?? 1) + (op.plus ?? 0);
}

/** `compare` after resolving operand bounds; the evidence names the values compared. */
function compareWith(ctx: AssessContext, value: unknown, cond: Compare, evidence: string): ConditionResult {
  const resolved: Compare = { ...cond };
  const notes: string[] = [];
  for (const k of BOUNDS) {
    const b = cond[k];
    if (b === undefined || typeof b === 'number') continue;
    const n = operandValue(ctx, b);
    if (n === null) return NO;
    resolved[k] = n;
    const arithmetic = `${b.times !== undefined ? `${b.times} x ` : ''}${b.ref}${b.plus ? ` ${b.plus > 0 ? '+' : '-'} ${Math.abs(b.plus)}` : ''}`;
    notes.push(`${SYMBOL[k]} ${arithmetic} (${Number(n.toFixed(2))})`);
  }
  if (!compare(value, resolved)) return NO;
  return yes([notes.length > 0 ? `${evidence} ${notes.join(', ')}` : evidence]);
}

/** Compares a value with the comparison fields of a condition (all given fields must hold; bounds resolved). */
export function compare(value: unknown, c: Compare): boolean {
  const present = value !== undefined && value !== null;
  if (c.exists !== undefined && present !== c.exists) return false;
  if (!present) return c.exists === false;
  const text = String(value).toLowerCase();
  if (c.equals !== undefined && text !== String(c.equals).toLowerCase()) return false;
  if (c.in && !c.in.some((x) => String(x).toLowerCase() === text)) return false;
  if (c.notIn?.some((x) => String(x).toLowerCase() === text)) return false;
  const n = typeof value === 'number' ? value : Number(value);
  const num = (b: number | Operand) => (typeof b === 'number' ? b : Number.NaN);
  if (c.gt !== undefined && !(n > num(c.gt))) return false;
  if (c.gte !== undefined && !(n >= num(c.gte))) return false;
  if (c.lt !== undefined && !(n < num(c.lt))) return false;
  if (c.lte !== undefined && !(n <= num(c.lte))) return false;
  return true;
}
