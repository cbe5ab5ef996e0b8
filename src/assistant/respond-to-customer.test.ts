import { beforeAll, describe, expect, it } from 'vitest';
import { type LoadedPack, preparePack } from '../bot/load-packs.ts';
import { minimalPackYaml } from '../bot/minimal-pack.fixture.ts';
import { parsePack } from '../bot/parse-pack.ts';
import type { RecordedTurn } from '../conversations/bot-work-store.ts';
import type { BotMemory } from '../protocol/bot-memory.ts';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Conversation, Customer } from '../protocol/conversation.ts';
import type { Decision } from '../protocol/decision.ts';
import { aBotTurn, anEscalation, aStay } from '../protocol/turn.fixture.ts';
import { type Assist, type CustomerTurnStore, createRespondToCustomer } from './respond-to-customer.ts';

/** The conversation store as the use case sees it, in memory. */
function memoryStore() {
  const turns: RecordedTurn[] = [];
  const memories = new Map<string, Record<string, unknown>>();
  const customers = new Map<string, Customer>();
  const store: CustomerTurnStore = {
    listTurns: async (id) => turns.filter((t) => t.turn.conversationId === id).map((t) => t.turn),
    getCustomer: async (id) => customers.get(id) ?? null,
    getBotMemory: async (id) => memories.get(id) ?? {},
    recordTurn: async (turn, memory, outcome) => {
      const taken = turns.find(
        (t) => t.turn.conversationId === turn.conversationId && t.turn.messageSeq === turn.messageSeq,
      );
      if (taken) return taken;
      const recorded = { turn: { ...turn, createdAt: turn.createdAt.toISOString() }, outcome };
      turns.push(recorded);
      memories.set(turn.conversationId, memory);
      return recorded;
    },
  };
  return { store, turns, memories, customers };
}

type Step = { decision?: Decision; reply?: string | null; replyKind?: BotTurn['replyKind'] };

/** The bot and policy, scripted: each call takes the next step (by default: stay, say "answer N"). */
function scriptedAssist(steps: Step[]) {
  const seen: Parameters<Assist>[1][] = [];
  const assist: Assist = async (_pack, input) => {
    seen.push(input);
    const step = steps.shift() ?? {};
    return {
      botTurn: aBotTurn({
        turn: input.turn,
        text: input.text,
        reply: step.reply === undefined ? `answer ${input.turn}` : step.reply,
        replyKind: step.replyKind ?? 'intent',
        intent: 'order_status',
      }),
      decision: step.decision ?? aStay(),
      memory: { ...input.memory, lastText: input.text } as BotMemory,
    };
  };
  return { assist, seen };
}

const start = new Date('2026-03-02T10:00:00Z');
const conversation = (fields: Partial<Conversation> = {}): Conversation =>
  ({
    id: 'cnv_1',
    customerId: 'cus_1',
    pack: 'demo',
    state: 'bot',
    createdAt: start.toISOString(),
    ...fields,
  }) as Conversation;

let pack: LoadedPack;
beforeAll(async () => {
  pack = await preparePack(
    parsePack(
      minimalPackYaml.replace(
        'messages:\n',
        "messages:\n  handoff: 'Connecting you with {{team.name}}. {{reason}}'\n",
      ),
      'demo.yaml',
    ),
  );
});

describe('respondToCustomer', () => {
  const setup = (steps: Step[]) => {
    const fake = memoryStore();
    const bot = scriptedAssist(steps);
    const respond = createRespondToCustomer({
      store: fake.store,
      pack: (id) => (id === 'demo' ? pack : undefined),
      assist: bot.assist,
      now: () => new Date(start.getTime() + 5 * 60_000),
    });
    return { ...fake, bot, respond };
  };

  it('stores the turn with its decision, memory and replies, and feeds the policy the earlier turns', async () => {
    const { respond, bot, memories, customers } = setup([]);
    customers.set('cus_1', {
      id: 'cus_1',
      externalId: null,
      name: 'Ada',
      email: null,
      tier: 'gold',
      attributes: { plan: 'pro' },
    });
    const first = await respond({ conversation: conversation(), messageSeq: 1, text: 'where is my order?' });
    expect(first).toMatchObject({
      kind: 'answered',
      recorded: {
        turn: { turn: 1, messageSeq: 1, decisionKind: 'stay', botTurn: { reply: 'answer 1' } },
        outcome: { replies: [{ text: 'answer 1', metadata: {} }], handoff: null, whileWaiting: false },
      },
    });
    await respond({ conversation: conversation(), messageSeq: 3, text: 'A1001' });
    expect(bot.seen[1]).toMatchObject({
      turn: 2,
      customer: { tier: 'gold', name: 'Ada', attributes: { plan: 'pro' } },
      history: [{ turn: 1, text: 'where is my order?' }],
      elapsedMinutes: 5,
    });
    expect(memories.get('cnv_1')).toMatchObject({ lastText: 'A1001' });
  });

  it('hands over with the pack team and wording when the policy decides so', async () => {
    const handoff = anEscalation({
      team: 'orders',
      priority: 'high',
      mode: 'cold',
      rule: 'explicit_request',
    });
    const { respond } = setup([{ decision: handoff }]);
    const result = await respond({ conversation: conversation(), messageSeq: 1, text: 'a person please' });
    expect(result.kind === 'answered' && result.recorded.outcome.handoff).toEqual({
      team: 'orders',
      priority: 'high',
      mode: 'cold',
      requiredSkills: [],
      message:
        "Connecting you with Orders. They'll see our whole conversation, so you won't need to repeat yourself.",
    });
    expect(result.kind === 'answered' && result.recorded.turn.decision).toEqual(handoff);
  });

  it('accepts an offer on a "yes": the offer becomes the handoff and the bot says nothing more', async () => {
    const offer = anEscalation({ kind: 'offer', team: 'orders', reasons: ['Frustrated.'] });
    const { respond } = setup([{ decision: offer }]);
    await respond({ conversation: conversation(), messageSeq: 1, text: 'this is useless' });
    const result = await respond({ conversation: conversation(), messageSeq: 3, text: 'yes please' });
    expect(result).toMatchObject({
      kind: 'answered',
      recorded: {
        turn: {
          decisionKind: 'handoff',
          decision: {
            kind: 'handoff',
            team: 'orders',
            reasons: ['Frustrated.', 'The customer accepted the offer of a person.'],
          },
        },
        outcome: { replies: [], handoff: { team: 'orders' } },
      },
    });
  });

  it('judges only the turns since the last hand-back', async () => {
    const { respond, bot, memories } = setup([]);
    await respond({ conversation: conversation(), messageSeq: 1, text: 'one' });
    memories.set('cnv_1', { handBack: { summary: null, agent: 'Sam', seq: 4 } });
    await respond({ conversation: conversation(), messageSeq: 5, text: 'two' });
    expect(bot.seen[1]).toMatchObject({ turn: 2, history: [] });
  });

  it('while the customer waits, answers simple questions without handing over, and leaves the rest', async () => {
    const { respond, turns } = setup([
      { decision: anEscalation() },
      { reply: null, replyKind: 'none' },
      { reply: 'Sorry?', replyKind: 'fallback' },
    ]);
    const waiting = conversation({ state: 'queued' });
    expect(await respond({ conversation: waiting, messageSeq: 1, text: 'hours?' })).toMatchObject({
      kind: 'answered',
      recorded: { outcome: { replies: [{ text: 'answer 1' }], handoff: null, whileWaiting: true } },
    });
    expect(await respond({ conversation: waiting, messageSeq: 2, text: 'hmm' })).toEqual({
      kind: 'left_to_queue',
    });
    expect(await respond({ conversation: waiting, messageSeq: 3, text: 'blah' })).toEqual({
      kind: 'left_to_queue',
    });
    expect(turns).toHaveLength(1);
  });

  it('refuses a conversation whose pack is not loaded', async () => {
    const { respond } = setup([]);
    await expect(
      respond({ conversation: conversation({ pack: 'gone' }), messageSeq: 1, text: 'hi' }),
    ).rejects.toThrow(/pack gone is not loaded/);
  });
});
