import type { BotTurn } from './bot-turn.ts';
import type { EscalateDecision, StayDecision } from './decision.ts';

/** Test data: a bot turn with neutral defaults. */
export function aBotTurn(fields: Partial<BotTurn> = {}): BotTurn {
  return {
    turn: 1,
    text: 'hello',
    intent: null,
    confidence: 0,
    ranking: [],
    outOfScope: false,
    entities: [],
    sentiment: { score: 0, cues: [] },
    article: null,
    flow: null,
    tools: [],
    reply: null,
    replyKind: 'none',
    error: null,
    ...fields,
  };
}

/** Test data: the policy keeping the conversation. */
export function aStay(fields: Partial<StayDecision> = {}): StayDecision {
  return {
    kind: 'stay',
    risk: 0,
    reasons: [],
    signals: [],
    thresholds: { offer: 0.5, handoff: 0.8 },
    rules: [],
    ...fields,
  };
}

/** Test data: the policy offering a person or handing over. */
export function anEscalation(fields: Partial<EscalateDecision> = {}): EscalateDecision {
  return {
    kind: 'handoff',
    team: 'support',
    priority: 'normal',
    mode: 'warm',
    rule: 'explicit_request',
    emergency: false,
    risk: 1,
    reasons: [],
    signals: [],
    thresholds: { offer: 0.5, handoff: 0.8 },
    rules: [],
    ...fields,
  };
}
