import type { Decision } from '../protocol/decision.ts';
import { type ConversationSoFar, createContext } from './assess-context.ts';
import { decide } from './decide.ts';
import { type EscalationPack, type PackLike, toEscalationPack } from './escalation-pack.ts';
import { runDetectors } from './run-detectors.ts';

/** Runs the detectors and the decision matrix on the last turn of a conversation (no bot, no I/O). */
export function assessTurn(pack: EscalationPack | PackLike, conversation: ConversationSoFar): Decision {
  const ep =
    'policy' in pack && 'terms' in pack ? (pack as EscalationPack) : toEscalationPack(pack as PackLike);
  const context = createContext(ep, conversation);
  const signals = runDetectors(context);
  return decide({ context, signals });
}
