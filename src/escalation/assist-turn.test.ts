import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinPacksDir, type LoadedPack, loadPacks } from '../bot/load-packs.ts';
import { emptyBotMemory } from '../protocol/bot-memory.ts';
import { assistTurn } from './assist-turn.ts';
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
