import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinPacksDir, type LoadedPack, loadPacks } from '../bot/load-packs.ts';
import { rememberHandBack } from '../conversations/remember-hand-back.ts';
import { type BotMemory, botMemorySchema, emptyBotMemory } from '../protocol/bot-memory.ts';
import type { BotTurn } from '../protocol/bot-turn.ts';
import { type AssistTurnResult, assistTurn } from './assist-turn.ts';
import { checkPolicy } from './check-policy.ts';
import { evaluateScenarios } from './evaluate-scenarios.ts';
import { runScenario } from './run-scenario.ts';
import { parseScenarios } from './scenario-schema.ts';

let packs: Map<string, LoadedPack>;
beforeAll(async () => {
  packs = await loadPacks({ cacheDir: join(tmpdir(), 'baton-nlu-cache') });
});

const ask = (pack: string, text: string) =>
  assistTurn(packs.get(pack)!, {
    text,
    turn: 1,
    memory: emptyBotMemory(),
    customer: { tier: 'standard' },
    history: [],
    elapsedMinutes: 0,
  });

describe('assistTurn on the demo packs', () => {
  it('every demo pack policy resolves (teams, intents, concepts, rule ids)', () => {
    for (const id of ['bank', 'clinic', 'retail', 'software', 'insurance']) {
      expect(packs.get(id), id).toBeDefined();
      expect(checkPolicy(packs.get(id)!.pack), id).toEqual([]);
    }
  });

  it('an emergency hands off at once and the reply carries the emergency text', async () => {
    const { decision, botTurn } = await ask('clinic', 'my chest hurts badly and my left arm is numb');
    expect(decision).toMatchObject({ kind: 'handoff', team: 'nurse', priority: 'urgent', emergency: true });
    expect(botTurn.reply).toContain(packs.get('clinic')!.pack.messages.emergency);
  });

  it('a routine question stays with the bot and keeps its reply', async () => {
    const { decision, botTurn, memory } = await ask(
      'bank',
      'what time does the downtown branch open on saturday?',
    );
    expect(decision.kind).toBe('stay');
    expect(botTurn.reply).toBeTruthy();
    expect(memory.history).toHaveLength(1);
  });

  it('an offer asks the customer', async () => {
    const { decision, botTurn } = await ask('software', 'are you a bot?');
    expect(decision.kind).toBe('offer');
    expect(botTurn.reply).toMatch(/connect you with a person/);
  });

  it('the extra scenarios (other wording than the dev set) meet the bars', async () => {
    const scenarios = [...packs.keys()].flatMap((id) => {
      const file = join(builtinPacksDir, id, 'scenarios/extra.jsonl');
      return existsSync(file) ? parseScenarios(readFileSync(file, 'utf8'), file) : [];
    });
    expect(scenarios.length).toBeGreaterThan(150);
    const predictions = [];
    for (const s of scenarios) predictions.push((await runScenario(packs.get(s.pack)!, s)).prediction);
    const scores = evaluateScenarios(scenarios, predictions);
    expect(scores.f1).toBeGreaterThanOrEqual(0.9);
    expect(scores.unnecessary_rate).toBeLessThanOrEqual(0.05);
    expect(scores.team_accuracy).toBeGreaterThanOrEqual(0.9);
  });
});

describe('assistTurn after a person handed a flow back', () => {
  /** Plays turns from a memory; returns each result. */
  const play = async (memory: BotMemory, texts: string[], firstTurn = 1) => {
    const results: AssistTurnResult[] = [];
    let history: BotTurn[] = [];
    for (const [i, text] of texts.entries()) {
      const result = await assistTurn(packs.get('software')!, {
        text,
        turn: firstTurn + i,
        memory,
        customer: { tier: 'standard' },
        history,
        elapsedMinutes: 5,
      });
      memory = botMemorySchema.parse(JSON.parse(JSON.stringify(result.memory)));
      history = [...history, result.botTurn];
      results.push(result);
    }
    return { results, memory };
  };

  it("does not repeat the solved steps: it recalls the person's fix, then completes or hands over", async () => {
    const before = await play(emptyBotMemory(), [
      'sync fails with error E202',
      'cleared it, still E202',
      'logged out and in again, no luck',
      "reinstalled, it's STILL there",
    ]);
    expect(before.results.at(-1)?.decision.kind).toBe('handoff');
    const handedBack = botMemorySchema.parse(
      rememberHandBack(before.memory, { agent: 'Sam', summary: 'Re-linked your cloud account.', seq: 20 }),
    );
    const again = await play(handedBack, ["I'm getting E202 when syncing again"], 5);
    const [recall] = again.results;
    expect(recall?.botTurn.reply).toContain('Sam');
    expect(recall?.botTurn.reply).toContain('Re-linked your cloud account');
    // the steps' instructions are not given again, only named as tried
    expect(recall?.botTurn.reply).not.toMatch(/Settings > Advanced|Settings > Account|uninstall Tandem/);
    expect(recall?.botTurn.flow).toMatchObject({ flow: 'fix_e202', step: 'person_fix', status: 'active' });
    expect(recall?.decision.kind).toBe('stay');

    const fixed = await play(again.memory, ['that worked, thanks'], 6);
    expect(fixed.results[0]?.botTurn.flow?.status).toBe('completed');
    expect(fixed.results[0]?.decision.kind).toBe('stay');
    const failed = await play(again.memory, ['no, still E202'], 6);
    expect(failed.results[0]?.botTurn.flow?.status).toBe('gave_up');
    expect(failed.results[0]?.decision).toMatchObject({ kind: 'handoff', team: 'l2' });
  });

  it('without a summary it skips the tried steps and brings a person back at once', async () => {
    const memory = botMemorySchema.parse({
      settled: [
        {
          agent: 'Sam',
          summary: null,
          seq: 9,
          topic: null,
          flow: { flow: 'fix_e202', step: 'reinstall', status: 'gave_up' },
        },
      ],
    });
    const { results } = await play(memory, ['E202 is back'], 5);
    expect(results[0]?.botTurn.reply).toMatch(/won't repeat/);
    expect(results[0]?.decision).toMatchObject({ kind: 'handoff', team: 'l2' });
  });
});
