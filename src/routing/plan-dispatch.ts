import { type BusinessHours, isOpen } from './business-hours.ts';
import { type AgentCandidate, type AgentRequest, chooseAgent } from './choose-agent.ts';
import { coolingDown, type Refusal, refusalPolicy } from './offer-refusals.ts';
import { orderQueue, type QueueItem } from './order-queue.ts';

/** A team's routing settings, as the plan reads them. */
export type DispatchTeam = {
  skills: readonly string[];
  businessHours: unknown;
  autoAccept: boolean;
  offerTimeoutSeconds: number;
  relaxSkillsAfterSeconds: number | null;
  strategy: string;
};

/** A queued conversation, as the plan reads it. */
export type DispatchItem = QueueItem & {
  team: string;
  requiredSkills: readonly string[];
  handoffMode: string | null;
};

/** What to do with one queued conversation: assign it at once (cold, auto-accept) or offer it until `expiresAt`. */
export type DispatchStep =
  | { kind: 'assign'; conversationId: string; agentId: string }
  | { kind: 'offer'; conversationId: string; agentId: string; expiresAt: Date };

/**
 * Decides, in queue order, which agent each waiting conversation goes to: closed teams wait, required skills
 * relax after the team's wait, and each pick counts against the agent's capacity for the rest of the plan.
 * An agent who declined or missed a conversation is not offered it again during the cool-down; after it they
 * are offered it again only when nobody who has not refused it is eligible (a lone agent gets it again).
 * Returns the steps and the round-robin cursors after them.
 */
export function planDispatch(input: {
  queue: readonly DispatchItem[];
  candidates: readonly AgentCandidate[];
  teams: ReadonlyMap<string, DispatchTeam>;
  /** Refusals of each queued conversation since it was queued. */
  refused: ReadonlyMap<string, readonly Refusal[]>;
  lastPicked: ReadonlyMap<string, string>;
  now: Date;
  cooldownSeconds?: number;
}): { steps: DispatchStep[]; lastPicked: Map<string, string> } {
  const nowMs = input.now.getTime();
  const cooldown = input.cooldownSeconds ?? refusalPolicy.cooldownSeconds;
  const load = new Map(input.candidates.map((a) => [a.id, a.load]));
  const lastPicked = new Map(input.lastPicked);
  const steps: DispatchStep[] = [];
  for (const q of orderQueue(input.queue, nowMs)) {
    const team = input.teams.get(q.team);
    if (!isOpen(team?.businessHours as BusinessHours | null, input.now)) continue;
    const waitedSeconds = (nowMs - q.queuedAt) / 1000;
    const refusals = input.refused.get(q.id) ?? [];
    const candidates = input.candidates.map((a) => ({ ...a, load: load.get(a.id) ?? a.load }));
    const request = (exclude: readonly string[]): AgentRequest => ({
      team: q.team,
      teamSkills: team?.skills ?? [],
      requiredSkills: q.requiredSkills,
      relaxSkills: team?.relaxSkillsAfterSeconds != null && waitedSeconds >= team.relaxSkillsAfterSeconds,
      exclude,
      strategy: team?.strategy === 'round_robin' ? 'round_robin' : 'least_busy',
      lastPicked: lastPicked.get(q.team) ?? null,
    });
    const agentId =
      chooseAgent(candidates, request(refusals.map((r) => r.agentId))) ??
      (refusals.length > 0
        ? chooseAgent(candidates, request([...coolingDown(refusals, nowMs, cooldown).keys()]))
        : null);
    if (!agentId) continue;
    lastPicked.set(q.team, agentId);
    load.set(agentId, (load.get(agentId) ?? 0) + 1);
    steps.push(
      team?.autoAccept || q.handoffMode === 'cold'
        ? { kind: 'assign', conversationId: q.id, agentId }
        : {
            kind: 'offer',
            conversationId: q.id,
            agentId,
            expiresAt: new Date(nowMs + (team?.offerTimeoutSeconds ?? 30) * 1000),
          },
    );
  }
  return { steps, lastPicked };
}
