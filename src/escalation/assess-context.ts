import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Signal } from '../protocol/decision.ts';
import type { EscalationPack } from './escalation-pack.ts';
import { findCompetitor } from './text/find-competitor.ts';
import { matchesAny, matchTerms } from './text/match-terms.ts';
import { parseAmounts, parseDaysAgo } from './text/parse-quantities.ts';
import { parseVitals, type Vitals } from './text/parse-vitals.ts';
import { type Doc, tokenize } from './text/tokenize.ts';

/** The customer profile known before the chat. */
export type CustomerProfile = { tier: string; attributes: Record<string, unknown> };

/** A conversation so far, as the escalation policy sees it: the bot turns (current last) and the customer. */
export type ConversationSoFar = {
  turns: readonly BotTurn[];
  customer: CustomerProfile;
  /** Minutes since the conversation started. */
  elapsedMinutes: number;
  /** The channel the conversation is on (`web`, `voice`, `email`, ...); `web` when not given. */
  channel?: string;
  /**
   * Records the policy may read when the bot did not look them up itself (by tool id, then key; `"*"` matches
   * any key). Without it the pack's static demo data is used; replay passes none and reads stored turns only.
   */
  toolData?: Record<string, Record<string, unknown>> | undefined;
};

/** Everything detectors and conditions read for one turn; derived facts are computed once, on demand. */
export type AssessContext = {
  pack: EscalationPack;
  turns: readonly BotTurn[];
  current: BotTurn;
  docs: readonly Doc[];
  customer: CustomerProfile;
  elapsedMinutes: number;
  /** The channel: detectors read it (a voice transcript's non-verbal marks are signals). */
  channel: string;
  toolData: Record<string, Record<string, unknown>> | undefined;
  /** Signals found so far (business rules and decisions read them). */
  signals: Map<string, Signal>;
  memo: Map<string, unknown>;
};

/** Builds the context for the last turn of a conversation. */
export function createContext(pack: EscalationPack, conversation: ConversationSoFar): AssessContext {
  const current = conversation.turns.at(-1);
  if (!current) throw new Error('assess: a conversation needs at least one turn');
  return {
    pack,
    turns: conversation.turns,
    current,
    docs: conversation.turns.map((t) => tokenize(t.text)),
    customer: conversation.customer,
    elapsedMinutes: conversation.elapsedMinutes,
    channel: conversation.channel ?? 'web',
    toolData: conversation.toolData,
    signals: new Map(),
    memo: new Map(),
  };
}

function memo<T>(ctx: AssessContext, key: string, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  ctx.memo.set(key, value);
  return value;
}

/** The intent of a turn if the classifier was confident enough to trust it. */
export function trustedIntent(ctx: AssessContext, turn: BotTurn): string | null {
  if (!turn.intent || turn.outOfScope) return null;
  return turn.confidence >= ctx.pack.policy.minIntentConfidence ? turn.intent : null;
}

/** Intents that say how the customer feels or what they want done, not what the conversation is about. */
const NOT_A_TOPIC = new Set(['handoff', 'smalltalk', 'frustration']);

/**
 * The team owning the conversation's topic: the latest trusted intent with a team; else the current
 * best-guess intent above the soft floor; else the first `topics` entry whose terms the customer used
 * (latest message first); else the default team.
 */
export function topicTeam(ctx: AssessContext): string {
  return memo(ctx, 'topicTeam', () => {
    for (let i = ctx.turns.length - 1; i >= 0; i--) {
      const intent = trustedIntent(ctx, ctx.turns[i]!);
      const team = intent ? ctx.pack.intents.get(intent)?.team : null;
      if (team) return team;
    }
    const guess = ctx.current.outOfScope ? null : ctx.current.intent;
    if (guess && ctx.current.confidence >= ctx.pack.policy.softIntentConfidence) {
      const team = ctx.pack.intents.get(guess)?.team;
      if (team) return team;
    }
    // "I need to speak to someone about my order": the topic the request names, as the classifier ranked it
    if (matchesAny(ctx.docs.at(-1)!, ctx.pack.terms(['about', 'regarding', 'concerning']))) {
      for (const r of ctx.current.ranking) {
        const spec = ctx.pack.intents.get(r.intent);
        if (r.score < ctx.pack.policy.softIntentConfidence) break;
        if (spec?.team && !spec.tags.some((t) => NOT_A_TOPIC.has(t))) return spec.team;
      }
    }
    for (let i = ctx.docs.length - 1; i >= 0; i--) {
      for (const topic of ctx.pack.policy.topics) {
        if (matchesAny(ctx.docs[i]!, ctx.pack.terms(topic.terms))) return topic.team;
      }
    }
    return ctx.pack.defaultTeam;
  });
}

/** The largest money amount mentioned so far (the bot's money entities and our own reading of the text). */
export function maxAmount(ctx: AssessContext): number | null {
  return memo(ctx, 'amount', () => {
    let best: number | null = null;
    for (const turn of ctx.turns) {
      const values = parseAmounts(turn.text);
      for (const e of turn.entities) {
        if (/money|amount|price|cost/.test(e.type)) {
          const v = Number(e.value.replace(/[^\d.]/g, ''));
          if (Number.isFinite(v)) values.push(v);
        }
      }
      for (const v of values) if (best === null || v > best) best = v;
    }
    return best;
  });
}

/** The most extreme vital signs the customer reported in the conversation (blood pressure, temperature, sugar). */
export function vitals(ctx: AssessContext): Vitals {
  return memo(ctx, 'vitals', () => {
    const out: Vitals = { systolic: null, diastolic: null, temperature: null, glucose: null };
    for (const turn of ctx.turns) {
      const v = parseVitals(turn.text);
      for (const k of ['systolic', 'diastolic', 'temperature'] as const) {
        const x = v[k];
        if (x !== null && (out[k] === null || x > out[k]!)) out[k] = x;
      }
      if (v.glucose !== null) out.glucose = v.glucose;
    }
    return out;
  });
}

const AGE_FIELDS = /^(days_since_(purchase|order|delivery)|days_ago|age_days|purchase_age_days)$/;

/** How many days ago the purchase or event happened: a tool's age field, else what the customer wrote. */
export function daysAgo(ctx: AssessContext): number | null {
  return memo(ctx, 'daysAgo', () => {
    const results: unknown[] = [];
    for (let i = ctx.turns.length - 1; i >= 0; i--)
      for (const call of ctx.turns[i]!.tools) if (call.ok) results.push(call.result);
    for (const tool of ctx.pack.tools.keys()) results.push(toolResult(ctx, tool));
    for (const result of results) {
      if (!result || typeof result !== 'object') continue;
      for (const [k, v] of Object.entries(result as Record<string, unknown>)) {
        if (AGE_FIELDS.test(k) && typeof v === 'number') return v;
      }
    }
    for (let i = ctx.turns.length - 1; i >= 0; i--) {
      const days = parseDaysAgo(ctx.turns[i]!.text);
      if (days !== null) return days;
    }
    return null;
  });
}

/** The latest result of a tool: from the bot's own lookups, else read from the records by the key the customer gave. */
export function toolResult(ctx: AssessContext, tool: string): unknown {
  for (let i = ctx.turns.length - 1; i >= 0; i--) {
    const calls = ctx.turns[i]!.tools;
    for (let j = calls.length - 1; j >= 0; j--) {
      const call = calls[j]!;
      if (call.tool === tool && call.ok && call.result !== undefined) return call.result;
    }
  }
  return memo(ctx, `lookup:${tool}`, () => lookUp(ctx, tool));
}

function lookUp(ctx: AssessContext, tool: string): unknown {
  const spec = ctx.pack.tools.get(tool);
  const data = ctx.toolData?.[tool] ?? spec?.data;
  if (!data) return undefined;
  if (spec?.key) {
    for (let i = ctx.turns.length - 1; i >= 0; i--) {
      const t = ctx.turns[i]!;
      for (const e of [...t.entities, ...(t.knownEntities ?? [])]) {
        if (e.type !== spec.key) continue;
        const hit = data[e.value] ?? data[e.value.toUpperCase()] ?? data['*'];
        if (hit !== undefined) return hit;
      }
    }
    return undefined;
  }
  return data['*'] ?? (Object.keys(data).length === 1 ? Object.values(data)[0] : undefined);
}

/** Reads `a.b.c` from a value. */
export function readPath(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A competitor the customer named in any message (a known name, a store-like name, an entity). */
export function competitorNamed(ctx: AssessContext): string | null {
  return memo(ctx, 'competitor', () => {
    const known = ctx.pack.terms(['~competitor']);
    for (let i = ctx.turns.length - 1; i >= 0; i--) {
      const turn = ctx.turns[i]!;
      const entity = turn.entities.find((e) => /competitor|store|retailer|org/.test(e.type));
      if (entity) return entity.text;
      const hit = matchTerms(ctx.docs[i]!, known)[0];
      if (hit) return hit;
      const found = findCompetitor(turn.text);
      if (found) return found;
    }
    return null;
  });
}
