import { type BotTurn, botTurnSchema } from '../protocol/bot-turn.ts';
import type {
  ContextEntity,
  ContextToolResult,
  ContextTransfer,
  SentimentTrajectory,
} from '../protocol/context-package.ts';
import type { EscalateDecision } from '../protocol/decision.ts';

/** What the builder needs to know about the pack: names and descriptions (a full `Pack` fits). */
export type PackInfo = {
  id: string;
  name?: string;
  teams: readonly { id: string; name: string }[];
  intents?: readonly { id: string; description?: string; tags?: readonly string[] }[];
};

/** A stored bot turn (a `StoredTurn` fits); `botTurn` is validated here and skipped when unreadable. */
export type TurnRecord = { turn: number; messageSeq?: number | null; botTurn: unknown };

/** The part of an escalation decision the package reads. */
export type HandoffDecision = Pick<
  EscalateDecision,
  'kind' | 'team' | 'priority' | 'mode' | 'rule' | 'reasons' | 'signals' | 'risk'
> &
  Partial<Pick<EscalateDecision, 'emergency' | 'rules'>>;

/** A flow as it ran across the conversation. */
export type FlowRun = {
  flow: string;
  label: string;
  steps: string[];
  failedCycles: number;
  maxCycles: number;
  status: 'active' | 'completed' | 'gave_up';
  turns: number[];
};

/** Plain facts drawn from the bot turns, shared by the summary and the next-step rules. */
export type Facts = {
  pack: PackInfo;
  decision: HandoffDecision;
  turns: (BotTurn & { seq: number | null })[];
  topic: { intent: string; label: string; description: string | null; tags: readonly string[] } | null;
  /** Every entity said, once per type and value, in the order first said. */
  entities: ContextEntity[];
  /** The latest value said for each entity type. */
  latest: ReadonlyMap<string, ContextEntity>;
  tools: ContextToolResult[];
  flows: FlowRun[];
  fallbackTurns: number[];
  sentiment: SentimentTrajectory;
  /** The transfer the package is rebuilt for, if any. */
  transfer: ContextTransfer | null;
};

const entityLabels: Record<string, string> = {
  order_id: 'Order',
  claim_id: 'Claim',
  policy_number: 'Policy',
  policy_id: 'Policy',
  account_number: 'Account',
  account_id: 'Account',
  card_number: 'Card',
  money: 'Amount',
  error_code: 'Error code',
};

/** `mortgage_refinance` -> `Mortgage refinance`; code-like words stay codes (`router_e202` -> `Router E202`). */
export function humanize(id: string): string {
  const words = id
    .replace(/[_-]+/g, ' ')
    .trim()
    .replace(/\b[a-z]{1,3}\d+\b/g, (code) => code.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label an agent reads for an entity type. */
export function entityLabel(type: string): string {
  return entityLabels[type] ?? humanize(type);
}

/** Draws the facts out of the stored turns; unreadable turns are skipped. */
export function collectFacts(
  pack: PackInfo,
  decision: HandoffDecision,
  records: readonly TurnRecord[],
  transfer: ContextTransfer | null = null,
): Facts {
  const turns = records
    .flatMap((r) => {
      const parsed = botTurnSchema.safeParse(r.botTurn);
      return parsed.success ? [{ ...parsed.data, seq: r.messageSeq ?? null }] : [];
    })
    .sort((a, b) => a.turn - b.turn);

  const entities: ContextEntity[] = [];
  const latest = new Map<string, ContextEntity>();
  const seen = new Set<string>();
  for (const t of turns) {
    for (const e of t.entities) {
      const entity = { type: e.type, label: entityLabel(e.type), value: e.value, text: e.text, turn: t.turn };
      latest.set(e.type, entity);
      const key = `${e.type}\u0000${e.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entities.push(entity);
    }
  }

  return {
    pack,
    decision,
    turns,
    topic: findTopic(pack, turns),
    entities,
    latest,
    tools: turns.flatMap((t) =>
      t.tools.map((c) => ({
        turn: t.turn,
        tool: c.tool,
        key: c.key,
        ok: c.ok,
        ...(c.result !== undefined && { result: c.result }),
        ...(c.error !== undefined && { error: c.error }),
      })),
    ),
    flows: collectFlows(turns),
    fallbackTurns: turns.filter((t) => t.replyKind === 'fallback').map((t) => t.turn),
    sentiment: trajectory(turns),
    transfer,
  };
}

function findTopic(pack: PackInfo, turns: readonly BotTurn[]): Facts['topic'] {
  const last = turns.at(-1);
  const id = last?.topic ?? [...turns].reverse().find((t) => t.intent && !t.outOfScope)?.intent ?? null;
  if (!id) return null;
  const intent = pack.intents?.find((i) => i.id === id);
  return {
    intent: id,
    label: humanize(id),
    description: intent?.description ?? null,
    tags: intent?.tags ?? [],
  };
}

function collectFlows(turns: readonly BotTurn[]): FlowRun[] {
  const runs = new Map<string, FlowRun>();
  for (const t of turns) {
    if (!t.flow) continue;
    const { flow, step, failedCycles, maxCycles, status } = t.flow;
    const run = runs.get(flow) ?? {
      flow,
      label: humanize(flow),
      steps: [],
      failedCycles: 0,
      maxCycles,
      status,
      turns: [],
    };
    if (!run.steps.includes(step)) run.steps.push(step);
    Object.assign(run, { failedCycles, maxCycles, status });
    run.turns.push(t.turn);
    runs.set(flow, run);
  }
  return [...runs.values()];
}

function trajectory(turns: readonly (BotTurn & { seq: number | null })[]): SentimentTrajectory {
  const points = turns.map((t) => ({
    turn: t.turn,
    seq: t.seq,
    score: t.sentiment.score,
    cues: t.sentiment.cues,
  }));
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return { points, trend: 'unknown', lowest: null };
  const delta = last.score - first.score;
  const trend =
    points.length < 2 ? 'unknown' : delta <= -0.2 ? 'worsening' : delta >= 0.2 ? 'improving' : 'steady';
  return { points, trend, lowest: Math.min(...points.map((p) => p.score)) };
}
