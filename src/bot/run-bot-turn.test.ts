import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BotMemory, botMemorySchema, emptyBotMemory } from '../protocol/bot-memory.ts';
import { type BotTurn, botTurnSchema } from '../protocol/bot-turn.ts';
import { builtinPacksDir, type LoadedPack, loadPackFile } from './load-packs.ts';
import { runBotTurn } from './run-bot-turn.ts';

// a stable folder: the cache is keyed by training input and engine, so later runs skip training
const cacheDir = join(tmpdir(), 'baton-test-nlu-cache');
const packs: Record<string, LoadedPack> = {};

beforeAll(async () => {
  for (const id of ['bank', 'clinic', 'retail', 'software', 'insurance']) {
    packs[id] = await loadPackFile(join(builtinPacksDir, id), { cacheDir });
  }
});

/** Plays customer turns against a pack, as the server would, and returns every BotTurn and the last memory. */
async function chat(
  packId: string,
  texts: string[],
  options: { toolData?: Record<string, Record<string, unknown>>; memory?: BotMemory } = {},
): Promise<{ turns: BotTurn[]; memory: BotMemory }> {
  let memory = options.memory ?? emptyBotMemory();
  const turns: BotTurn[] = [];
  for (const [i, text] of texts.entries()) {
    const result = await runBotTurn(packs[packId]!, {
      text,
      turn: i + 1,
      memory,
      customer: { tier: 'standard' },
      toolData: options.toolData,
    });
    expect(botTurnSchema.safeParse(result.turn).success).toBe(true);
    memory = botMemorySchema.parse(JSON.parse(JSON.stringify(result.memory)));
    turns.push(result.turn);
  }
  return { turns, memory };
}

describe('runBotTurn on the demo packs', () => {
  it('answers a balance question from the tool, with scenario data replacing the demo data', async () => {
    const toolData = { account_balance: { '*': { balance: 2410.55, currency: 'USD' } } };
    const { turns } = await chat('bank', ["what's my balance right now?"], { toolData });
    const [turn] = turns;
    expect(turn).toMatchObject({ intent: 'check_balance', replyKind: 'tool', error: null });
    expect(turn?.tools).toEqual([expect.objectContaining({ tool: 'account_balance', key: null, ok: true })]);
    expect(turn?.reply).toContain('2,410.55 USD');
  });

  it('walks the E202 flow across turns and gives up after three failed cycles', async () => {
    const { turns, memory } = await chat('software', [
      'sync fails with error E202',
      'cleared it, still E202',
      'logged out and in again, no luck',
      "reinstalled, it's STILL there",
    ]);
    expect(turns.map((t) => [t.replyKind, t.flow?.status, t.flow?.failedCycles])).toEqual([
      ['flow', 'active', 0],
      ['flow', 'active', 1],
      ['flow', 'active', 2],
      ['flow', 'gave_up', 3],
    ]);
    expect(turns[0]?.reply).toMatch(/cache/i);
    expect(turns[3]?.flow).toMatchObject({ flow: 'fix_e202', maxCycles: 3 });
    expect(memory.flow?.status).toBe('gave_up');
  });

  it("names a team as the system does: the pack's team name, not a word of its own", async () => {
    const { turns } = await chat('bank', ['I want to dispute a transaction']);
    expect(turns[0]?.reply).toContain('our Fraud Prevention team');
    expect(turns[0]?.reply).not.toContain('{{');
  });

  it('leaves a flow for another error code or a clear new question', async () => {
    const { turns } = await chat('software', [
      'E202 when syncing',
      'now export says E303',
      'how do I reset my password?',
    ]);
    expect(turns[1]?.flow).toMatchObject({ flow: 'fix_e303', status: 'active', failedCycles: 0 });
    expect(turns[2]).toMatchObject({ intent: 'password_reset', replyKind: 'intent', flow: null });
  });

  it('completes a flow when the customer says it worked', async () => {
    const { turns } = await chat('software', ['export fails with E303', 'that worked, thank you']);
    expect(turns[1]?.flow?.status).toBe('completed');
    expect(turns[1]?.replyKind).toBe('flow');
  });

  it('asks for the order number, then answers from the tool with it', async () => {
    const toolData = { order_status: { A1001: { status: 'shipped', eta: '2026-11-25' } } };
    const { turns, memory } = await chat('retail', ['can you track my order?', 'A1001'], { toolData });
    expect(turns[0]?.tools).toEqual([]);
    expect(turns[0]?.reply).toMatch(/order number/i);
    expect(turns[1]).toMatchObject({ replyKind: 'tool', answerCase: { id: 'shipped', tags: [] } });
    expect(turns[1]?.reply).toContain('2026-11-25');
    expect(memory.entities.order_id?.value).toBe('A1001');
  });

  it('takes a bare code as the key it asked for', async () => {
    const toolData = { order_status: { '5531209': { status: 'processing' } } };
    const { turns } = await chat('retail', ['where is my package?', "it's 5531209"], { toolData });
    expect(turns[1]?.tools[0]).toMatchObject({ key: '5531209', ok: true });
    expect(turns[1]?.answerCase?.id).toBe('processing');
  });

  it('looks up an order when the message holds its number, even with an unsure classifier', async () => {
    const toolData = { order_status: { C7012: { status: 'delivered', delivered_at: '2026-11-20' } } };
    const { turns } = await chat('retail', ['has C7012 been delivered?'], { toolData });
    expect(turns[0]).toMatchObject({ intent: 'order_status', replyKind: 'tool', outOfScope: false });
    expect(['model', 'entity']).toContain(turns[0]?.intentSource);
    expect(turns[0]?.reply).toContain('2026-11-20');
  });

  it('answers an intent without its own answer from its articles', async () => {
    const { turns } = await chat('retail', ['whats ur return window']);
    expect(turns[0]?.replyKind).toBe('article');
    expect(turns[0]?.article?.id).toMatch(/^returns/);
  });

  it('remembers an order id from an earlier turn', async () => {
    const toolData = { order_status: { B7781: { status: 'lost' } } };
    const { turns } = await chat('retail', ['my order is B7781', 'where is my order?'], { toolData });
    expect(turns[1]?.knownEntities).toContainEqual({ type: 'order_id', value: 'B7781', text: 'B7781' });
    const lookup = turns.flatMap((t) => t.tools).at(-1);
    expect(lookup).toMatchObject({ tool: 'order_status', key: 'B7781', ok: true });
    expect(turns.at(-1)?.answerCase).toEqual({ id: 'lost', tags: ['needs_human'] });
  });

  it('answers from a knowledge article and says which one', async () => {
    const { turns } = await chat('retail', ['how many days does shipping to Canada take?']);
    expect(turns[0]?.replyKind).toBe('article');
    expect(turns[0]?.article?.id).toBe('shipping-international');
    expect(turns[0]?.reply).toContain('International shipping');
  });

  it('answers a follow-up question in the context of the previous one', async () => {
    const { turns } = await chat('bank', ['what do international wires cost?', 'and how long do they take?']);
    expect(turns[1]?.article?.id).toBe('international-wires');
  });

  it('falls back on something out of scope', async () => {
    const { turns } = await chat('bank', ['what is the capital of australia?']);
    expect(turns[0]).toMatchObject({ replyKind: 'fallback', article: null, tools: [] });
    expect(turns[0]?.intent === null || turns[0]?.outOfScope).toBeTruthy();
  });

  it('replies with the emergency text at once', async () => {
    const { turns } = await chat('clinic', ["I have crushing chest pain and I'm sweating"]);
    expect(turns[0]?.intent).toBe('medical_emergency');
    expect(turns[0]?.reply).toMatch(/call 911/i);
  });

  it('finds a human request even in one word', async () => {
    const { turns } = await chat('retail', ['agent', "I'd like to send my resume to human resources"]);
    expect(turns[0]).toMatchObject({ intent: 'human_request', confidence: 1 });
    expect(turns[1]?.intent).not.toBe('human_request');
  });

  it('keeps the topic and money across turns of a claim', async () => {
    const { turns } = await chat('insurance', [
      'I need to file a claim, hail wrecked my roof',
      'the roofer says $12,500',
    ]);
    expect(turns[0]?.flow?.status).toBe('active');
    expect(turns[1]?.flow?.status).toBe('completed');
    expect(turns[1]?.topic).toBe('file_claim');
    expect(turns[1]?.knownEntities).toContainEqual({ type: 'money', value: '12500', text: '$12,500' });
  });

  it('records sentiment cues', async () => {
    const { turns } = await chat('bank', ['THIS IS USELESS, you people are a joke!!!']);
    expect(turns[0]?.sentiment.score).toBeLessThan(-0.5);
    expect(turns[0]?.sentiment.cues).toEqual(
      expect.arrayContaining(['shouting', 'useless', 'repeated_punctuation']),
    );
  });

  it('keeps a short history for the policy', async () => {
    const { memory } = await chat('clinic', ['hi', 'what are your hours?']);
    expect(memory.history.map((h) => h.turn)).toEqual([1, 2]);
    expect(memory.history[1]).toMatchObject({ intent: 'clinic_hours', replyKind: 'intent' });
    expect(memory.lastText).toBe('what are your hours?');
  });

  it('turns an internal failure into an error on the turn, never a throw', async () => {
    const broken: LoadedPack = {
      ...packs.bank!,
      classifier: {
        ...packs.bank!.classifier,
        classify: () => {
          throw new Error('model exploded');
        },
      },
    };
    const result = await runBotTurn(broken, {
      text: 'hi',
      turn: 1,
      memory: emptyBotMemory(),
      customer: { tier: 'vip' },
    });
    expect(result.turn).toMatchObject({ error: 'model exploded', replyKind: 'fallback' });
    expect(result.turn.reply).toBeTruthy();
  });

  it('starts over when the stored memory is unreadable', async () => {
    const result = await runBotTurn(packs.bank!, {
      text: 'hello',
      turn: 1,
      memory: { flow: 'nonsense' } as unknown as BotMemory,
      customer: { tier: 'standard' },
    });
    expect(result.turn.error).toMatch(/memory/);
    expect(result.memory.flow).toBeNull();
  });
});
