import type { Conversation } from '../protocol/conversation.ts';
import { type BusinessHours, isOpen } from './business-hours.ts';
import { isEligible } from './choose-agent.ts';
import { countSlots, estimateWait } from './estimate-wait.ts';
import { coolingDown, refusalPolicy } from './offer-refusals.ts';
import type { RoutingStore, Team } from './routing-store.ts';

/**
 * What a queued customer is told: their place, a wait estimate that counts only agents who can really take
 * the conversation (online, in the team, within business hours, not cooling down after refusing it), and
 * whether anyone is available at all.
 */
export function createQueueDescriber(deps: {
  store: RoutingStore;
  teams: () => Promise<Map<string, Team>>;
  now: () => Date;
  cooldownSeconds?: number;
}) {
  const { store } = deps;
  const cooldown = deps.cooldownSeconds ?? refusalPolicy.cooldownSeconds;
  // Wait estimates need agent slots, not an exact count: a half-second old view is good enough.
  let candidateCache: { at: number; list: ReturnType<RoutingStore['candidates']> } | null = null;
  const recentCandidates = () => {
    const t = Date.now();
    if (!candidateCache || t - candidateCache.at > 500) candidateCache = { at: t, list: store.candidates() };
    return candidateCache.list;
  };
  // Likewise the team's recent handle times: republishing a queue asks for them once per waiting customer.
  const handleTimes = new Map<string, { at: number; seconds: Promise<number[]> }>();
  const recentHandleSeconds = (team: string) => {
    const t = Date.now();
    const hit = handleTimes.get(team);
    if (hit && t - hit.at <= 500) return hit.seconds;
    const seconds = store.recentHandleSeconds(team);
    handleTimes.set(team, { at: t, seconds });
    return seconds;
  };

  return {
    /** Forgets the cached agents (someone's presence changed here). */
    forgetAgents() {
      candidateCache = null;
    },

    /** Position, wait estimate and availability for a queued conversation. */
    async describe(c: Conversation): Promise<Conversation> {
      if (c.state !== 'queued' || !c.team) return c;
      const now = deps.now();
      const team = (await deps.teams()).get(c.team);
      const agents = (await recentCandidates()).filter((a) =>
        isEligible(
          { ...a, load: 0 },
          {
            team: c.team!,
            teamSkills: team?.skills ?? [],
            requiredSkills: [],
            relaxSkills: true,
            exclude: [],
            strategy: 'least_busy',
            lastPicked: null,
          },
        ),
      );
      const activity =
        agents.length > 0
          ? await store.offerActivity(c.id, new Date(now.getTime() - cooldown * 1000))
          : { offered: false, refusals: [] };
      const slots = countSlots({
        agents,
        open: isOpen(team?.businessHours as BusinessHours | null, now),
        coolingUntil: coolingDown(activity.refusals, now.getTime(), cooldown),
        offered: activity.offered,
        nowMs: now.getTime(),
      });
      const estimate = estimateWait({
        position: c.queuePosition ?? 1,
        ...slots,
        recentHandleSeconds: await recentHandleSeconds(c.team),
      });
      return {
        ...c,
        estimatedWaitSeconds: estimate.kind === 'estimate' ? estimate.seconds : null,
        agentsAvailable: estimate.kind === 'estimate',
      };
    },
  };
}
