import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Decision } from '../protocol/decision.ts';
import type { CustomerProfile } from './assess-context.ts';
import { assessTurn } from './assess-turn.ts';
import { type PackLike, toEscalationPack } from './escalation-pack.ts';

/** One conversation as stored: the bot-held turns with what the bot understood and what was decided. */
export type StoredConversation = {
  id: string;
  customer: CustomerProfile;
  turns: ReadonlyArray<{
    /** The customer's message (the stored BotTurn's text when omitted). */
    text?: string;
    botTurn: BotTurn;
    decision?: Decision | null;
    /** Minutes since the conversation started; the turn index minus one when omitted. */
    elapsedMinutes?: number;
  }>;
};

/** Where a conversation ends up under one policy: the first offer or handoff, or kept by the bot. */
export type ReplayOutcome =
  | { kind: 'stay'; turns: number; reasons: string[] }
  | {
      kind: 'offer' | 'handoff';
      turn: number;
      team: string;
      priority: 'normal' | 'high' | 'urgent';
      rule: string;
      reasons: string[];
    };

export type ReplayChange = 'now_handed_off' | 'now_kept' | 'earlier' | 'later' | 'team' | 'priority' | 'kind';

/** A conversation whose outcome differs between the two policies. */
export type ReplayDiff = { id: string; before: ReplayOutcome; after: ReplayOutcome; changes: ReplayChange[] };

export type ReplayReport = {
  conversations: number;
  /** Share of conversations offered or handed to a person (0..1). */
  handoffRateBefore: number;
  handoffRateAfter: number;
  counts: Record<ReplayChange, number>;
  diffs: ReplayDiff[];
};

export type ReplayInput = {
  /** The pack the conversations ran on (teams, intents, flows); its own policy is ignored. */
  pack: PackLike;
  /** The policy section in force before: a policy, or `stored` for the decisions stored with each turn. */
  before: unknown;
  /** The policy section to try. */
  after: unknown;
  conversations: readonly StoredConversation[];
};

/**
 * Replays stored conversations against two policies: detectors and decision only, on the stored BotTurns
 * (the bot is not run again, so the replay is deterministic), and reports what would change. Pure.
 */
export function replayConversations(input: ReplayInput): ReplayReport {
  const after = toEscalationPack({ ...input.pack, policy: input.after });
  const before = input.before === 'stored' ? null : toEscalationPack({ ...input.pack, policy: input.before });
  const counts: Record<ReplayChange, number> = {
    now_handed_off: 0,
    now_kept: 0,
    earlier: 0,
    later: 0,
    team: 0,
    priority: 0,
    kind: 0,
  };
  const diffs: ReplayDiff[] = [];
  let escalatedBefore = 0;
  let escalatedAfter = 0;
  for (const conversation of input.conversations) {
    const b = before
      ? outcomeUnder(conversation, (turns, minutes) => assessWith(before, conversation, turns, minutes))
      : storedOutcome(conversation);
    const a = outcomeUnder(conversation, (turns, minutes) => assessWith(after, conversation, turns, minutes));
    if (b.kind !== 'stay') escalatedBefore++;
    if (a.kind !== 'stay') escalatedAfter++;
    const changes = compareOutcomes(b, a);
    for (const c of changes) counts[c]++;
    if (changes.length > 0) diffs.push({ id: conversation.id, before: b, after: a, changes });
  }
  const n = input.conversations.length;
  return {
    conversations: n,
    handoffRateBefore: n === 0 ? 0 : escalatedBefore / n,
    handoffRateAfter: n === 0 ? 0 : escalatedAfter / n,
    counts,
    diffs,
  };
}

function assessWith(
  pack: ReturnType<typeof toEscalationPack>,
  conversation: StoredConversation,
  turns: BotTurn[],
  elapsedMinutes: number,
): Decision {
  return assessTurn(pack, { turns, customer: conversation.customer, elapsedMinutes });
}

function outcomeUnder(
  conversation: StoredConversation,
  assess: (turns: BotTurn[], minutes: number) => Decision,
): ReplayOutcome {
  const turns: BotTurn[] = [];
  let last: Decision | null = null;
  for (let i = 0; i < conversation.turns.length; i++) {
    const stored = conversation.turns[i]!;
    turns.push(stored.text === undefined ? stored.botTurn : { ...stored.botTurn, text: stored.text });
    last = assess([...turns], stored.elapsedMinutes ?? i);
    if (last.kind !== 'stay') return toOutcome(last, i + 1);
  }
  return { kind: 'stay', turns: turns.length, reasons: last?.reasons ?? [] };
}

function storedOutcome(conversation: StoredConversation): ReplayOutcome {
  for (let i = 0; i < conversation.turns.length; i++) {
    const d = conversation.turns[i]!.decision;
    if (d && d.kind !== 'stay') return toOutcome(d, i + 1);
  }
  const last = conversation.turns.at(-1)?.decision;
  return { kind: 'stay', turns: conversation.turns.length, reasons: last?.reasons ?? [] };
}

function toOutcome(d: Decision, turn: number): ReplayOutcome {
  if (d.kind === 'stay') return { kind: 'stay', turns: turn, reasons: d.reasons };
  return { kind: d.kind, turn, team: d.team, priority: d.priority, rule: d.rule, reasons: d.reasons };
}

/** What differs between two outcomes of the same conversation. */
export function compareOutcomes(before: ReplayOutcome, after: ReplayOutcome): ReplayChange[] {
  if (before.kind === 'stay' && after.kind === 'stay') return [];
  if (before.kind === 'stay') return ['now_handed_off'];
  if (after.kind === 'stay') return ['now_kept'];
  const changes: ReplayChange[] = [];
  if (after.turn < before.turn) changes.push('earlier');
  if (after.turn > before.turn) changes.push('later');
  if (after.team !== before.team) changes.push('team');
  if (after.priority !== before.priority) changes.push('priority');
  if (after.kind !== before.kind) changes.push('kind');
  return changes;
}
