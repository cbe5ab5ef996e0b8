import type { LoadedPack } from '../bot/load-packs.ts';
import { emptyBotMemory } from '../protocol/bot-memory.ts';
import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Decision } from '../protocol/decision.ts';
import { assistTurn } from './assist-turn.ts';
import type { Prediction } from './evaluate-scenarios.ts';
import type { Scenario } from './scenario-schema.ts';

/** Minutes assumed between two customer messages of a scripted scenario. */
export const MINUTES_PER_TURN = 1;

/** A scenario run: the prediction plus every turn's BotTurn and decision (for debugging and replay fixtures). */
export type ScenarioRun = { prediction: Prediction; turns: BotTurn[]; decisions: Decision[] };

/** Feeds a scenario's turns through assistTurn until the first offer or handoff. */
export async function runScenario(pack: LoadedPack, scenario: Scenario): Promise<ScenarioRun> {
  let memory = emptyBotMemory();
  const turns: BotTurn[] = [];
  const decisions: Decision[] = [];
  const customer = {
    tier: scenario.customer?.tier ?? 'standard',
    name: scenario.customer?.name,
    attributes: scenario.customer?.attributes ?? {},
  };
  for (let i = 0; i < scenario.turns.length; i++) {
    const result = await assistTurn(pack, {
      text: scenario.turns[i]!.text,
      turn: i + 1,
      memory,
      customer,
      history: turns,
      elapsedMinutes: i * MINUTES_PER_TURN,
      toolData: scenario.data,
    });
    memory = result.memory;
    turns.push(result.botTurn);
    decisions.push(result.decision);
    const d = result.decision;
    if (d.kind !== 'stay') {
      return {
        prediction: {
          id: scenario.id,
          handoff: true,
          kind: d.kind,
          turn: i + 1,
          team: d.team,
          priority: d.priority,
          reasons: d.reasons,
        },
        turns,
        decisions,
      };
    }
  }
  const last = decisions.at(-1);
  return {
    prediction: {
      id: scenario.id,
      handoff: false,
      kind: null,
      turn: null,
      team: null,
      priority: null,
      reasons: last?.reasons ?? [],
    },
    turns,
    decisions,
  };
}
