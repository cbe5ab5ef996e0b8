import { type BusinessHours, isOpen } from '../routing/business-hours.ts';
import type { RunningBaton } from '../server/start-baton.ts';
import { planArrivals } from './plan-arrivals.ts';
import { conversationLines, type PackScript, packScripts } from './simulated-texts.ts';
import { createSimulationClient, type SimAgent, type SimAgentSession } from './simulation-client.ts';
import { simulationRandom } from './simulation-random.ts';
import { createTimeline } from './simulation-timeline.ts';

/** What a simulation did, for progress lines and the final report. */
export type SimulationStats = {
  conversations: number;
  handedOff: number;
  endedByCustomer: number;
  assigned: number;
  resolvedByAgents: number;
  cancelled: number;
  tickets: number;
  rated: number;
  labelled: number;
  spikeAlerts: number;
};

type Conv = {
  id: string;
  token: string;
  pack: string;
  kind: 'everyday' | 'handoff';
  state: string;
  team: string | null;
  queuedAt: number | null;
  assignedAt: number | null;
  agent: AgentState | null;
};
type AgentState = SimAgentSession;

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * Drives a running Baton through its HTTP API with simulated customers and agents over `days` days of a manual
 * clock: customers ask everyday and handoff-worthy questions, end and rate; agents accept offers, reply,
 * resolve and label; some customers stop waiting or leave a message after hours.
 */
export async function simulateTraffic(input: {
  baton: RunningBaton;
  clock: { now: () => Date; advance: (ms: number) => void };
  days: number;
  perDay: number;
  seed: number;
  agents: SimAgent[];
  onDay?: (dayIndex: number, stats: SimulationStats) => void;
}): Promise<SimulationStats> {
  const { baton, clock } = input;
  const rng = simulationRandom(input.seed);
  const stats: SimulationStats = {
    conversations: 0,
    handedOff: 0,
    endedByCustomer: 0,
    assigned: 0,
    resolvedByAgents: 0,
    cancelled: 0,
    tickets: 0,
    rated: 0,
    labelled: 0,
    spikeAlerts: 0,
  };
  const timeline = createTimeline(clock);
  const { now, at, later } = timeline;

  const { call, signIn, tokenOf } = createSimulationClient(baton.url, now);

  const teamHours = new Map(
    (await baton.services.routing.listTeams()).map((t) => [t.id, t.businessHours as BusinessHours | null]),
  );
  const agents: AgentState[] = [];
  for (const a of input.agents) agents.push(await signIn(a));
  for (const a of agents)
    await call('POST', '/api/v1/agent/presence', { status: 'online' }, await tokenOf(a));

  const queued = new Set<Conv>();
  const seenOffers = new Set<string>();
  let sweeping = false;

  const refresh = async (c: Conv) => {
    const got = (await call('GET', `/api/v1/conversations/${c.id}`, undefined, c.token)).body.conversation;
    c.state = got.state;
    c.team = got.team;
    return got as { state: string; agentsAvailable?: boolean };
  };

  const say = async (c: Conv, text: string) => {
    await call(
      'POST',
      `/api/v1/conversations/${c.id}/messages`,
      { text, clientMessageId: `m${now()}-${timeline.unique()}` },
      c.token,
    );
    await baton.services.conversations.settle();
    const got = await refresh(c);
    if (got.state === 'queued' && c.queuedAt === null) await onQueued(c, got.agentsAvailable !== false);
  };

  const rate = async (c: Conv, weights: readonly number[]) => {
    const comment = rng.chance(0.2)
      ? rng.pick(['quick and easy', 'took a while', 'very helpful', 'not what I needed'])
      : undefined;
    const r = await call(
      'POST',
      `/api/v1/conversations/${c.id}/csat`,
      { rating: rng.rating(weights), comment },
      c.token,
    );
    if (r.status === 200) stats.rated++;
  };

  const endAndMaybeRate = async (c: Conv, weights: readonly number[], rateChance: number) => {
    const ended = await call('POST', `/api/v1/conversations/${c.id}/end`, undefined, c.token);
    if (ended.status !== 200) return;
    stats.endedByCustomer++;
    if (rng.chance(rateChance)) later(rng.between(5, 40) * second, () => rate(c, weights));
  };

  const onQueued = async (c: Conv, agentsAvailable: boolean) => {
    c.queuedAt = now();
    stats.handedOff++;
    queued.add(c);
    startSweep();
    if (!agentsAvailable) {
      // After hours: leave a message (or not), stop waiting, maybe close the chat.
      later(rng.between(1, 4) * minute, async () => {
        if (c.state !== 'queued') return;
        if (rng.chance(0.45)) {
          const t = await call(
            'POST',
            `/api/v1/conversations/${c.id}/ticket`,
            { kind: 'message', email: `customer${stats.conversations}@example.com` },
            c.token,
          );
          if (t.status === 201) stats.tickets++;
        }
        await cancel(c);
        if (rng.chance(0.5))
          later(rng.between(10, 60) * second, () => endAndMaybeRate(c, [3, 3, 3, 2, 1], 0.25));
      });
      return;
    }
    const patience = Math.min(40 * minute, Math.max(45 * second, rng.exp(9 * minute)));
    later(patience, async () => {
      if (c.state !== 'queued') return;
      await cancel(c);
      if (rng.chance(0.4))
        later(rng.between(10, 60) * second, () => endAndMaybeRate(c, [5, 3, 2, 1, 1], 0.35));
    });
  };

  const cancel = async (c: Conv) => {
    const r = await call('POST', `/api/v1/conversations/${c.id}/cancel`, undefined, c.token);
    if (r.status !== 200) return;
    stats.cancelled++;
    queued.delete(c);
    c.state = 'bot';
  };

  /** While anyone waits: keep agents present, run the routing timers, let agents pick up their offers. */
  const startSweep = () => {
    if (sweeping) return;
    sweeping = true;
    later(rng.between(1, 10) * second, sweep);
  };
  const sweep = async () => {
    await baton.services.routing.heartbeat(agents.map((a) => a.id));
    await baton.services.routing.tick();
    const teams = new Set([...queued].map((c) => c.team));
    for (const a of agents.filter((x) => x.teams.some((t) => teams.has(t)))) {
      const offers = (await call('GET', '/api/v1/agent/offers', undefined, await tokenOf(a))).body.offers as {
        id: string;
        conversationId: string;
      }[];
      for (const offer of offers) {
        if (seenOffers.has(offer.id)) continue;
        seenOffers.add(offer.id);
        const c = [...queued].find((x) => x.id === offer.conversationId);
        // Now and then an agent misses an offer; it expires and the router moves on.
        if (c && !rng.chance(0.04)) later(rng.between(2, 15) * second, () => accept(a, offer.id, c));
      }
    }
    if (queued.size > 0) later(10 * second, sweep);
    else sweeping = false;
  };

  const accept = async (a: AgentState, offerId: string, c: Conv) => {
    if (c.state !== 'queued') return;
    const r = await call('POST', `/api/v1/agent/offers/${offerId}/accept`, undefined, await tokenOf(a));
    if (r.status !== 200) return;
    stats.assigned++;
    queued.delete(c);
    c.state = 'assigned';
    c.agent = a;
    c.assignedAt = now();
    later(rng.between(10, 60) * second, () => agentSays(c));
    later(rng.between(40, 150) * second, () => customerSaysToAgent(c));
    later(Math.min(40 * minute, Math.max(90 * second, rng.exp(6 * minute))), () => resolve(c));
  };

  const agentSays = async (c: Conv) => {
    if (c.state !== 'assigned' || !c.agent) return;
    await call(
      'POST',
      `/api/v1/agent/conversations/${c.id}/messages`,
      { text: rng.pick(conversationLines.fromAgent), clientMessageId: `a${now()}-${timeline.unique()}` },
      await tokenOf(c.agent),
    );
  };
  const customerSaysToAgent = async (c: Conv) => {
    if (c.state !== 'assigned') return;
    await call(
      'POST',
      `/api/v1/conversations/${c.id}/messages`,
      { text: rng.pick(conversationLines.toAgent), clientMessageId: `c${now()}-${timeline.unique()}` },
      c.token,
    );
    later(rng.between(15, 60) * second, () => agentSays(c));
  };

  const resolve = async (c: Conv) => {
    if (c.state !== 'assigned' || !c.agent) return;
    const agent = c.agent;
    const r = await call('POST', `/api/v1/agent/conversations/${c.id}/resolve`, {}, await tokenOf(agent));
    if (r.status !== 200) return;
    c.state = 'resolved';
    stats.resolvedByAgents++;
    if (rng.chance(0.8)) {
      // The agent knows whether the bot could have answered: the simulator knows what the customer asked.
      const needed = c.kind === 'handoff' ? rng.chance(0.93) : rng.chance(0.12);
      const reasonCorrect = needed ? rng.chance(0.9) : rng.chance(0.3);
      later(rng.between(5, 60) * second, async () => {
        const l = await call(
          'POST',
          `/api/v1/agent/conversations/${c.id}/label`,
          { needed, reasonCorrect, ...(needed ? {} : { note: 'the bot could have answered this' }) },
          await tokenOf(agent),
        );
        if (l.status === 200) stats.labelled++;
      });
    }
    if (rng.chance(0.55)) {
      const waited = ((c.assignedAt ?? now()) - (c.queuedAt ?? now())) / 1000;
      const weights = waited > 300 ? [2, 2, 3, 4, 3] : waited > 90 ? [1, 1, 2, 4, 5] : [1, 1, 1, 3, 7];
      later(rng.between(10, 120) * second, () => rate(c, weights));
    }
  };

  const arrive = async (pack: string, script: PackScript) => {
    stats.conversations++;
    const kind = rng.chance(0.3) ? 'handoff' : 'everyday';
    const created = await call('POST', '/api/v1/conversations', { pack });
    const c: Conv = {
      id: created.body.conversation.id,
      token: created.body.customerToken,
      pack,
      kind,
      state: 'bot',
      team: null,
      queuedAt: null,
      assignedAt: null,
      agent: null,
    };
    await say(c, rng.pick(kind === 'handoff' ? script.handoff : script.everyday));
    if (c.state !== 'bot') return;
    const finish = async () => {
      if (c.state !== 'bot') return;
      if (rng.chance(0.3)) return; // wanders off without ending the chat
      if (rng.chance(0.4)) await say(c, rng.pick(conversationLines.closing));
      if (c.state === 'bot') await endAndMaybeRate(c, [1, 1, 2, 4, 5], 0.45);
    };
    if (rng.chance(0.35)) {
      later(rng.between(20, 90) * second, async () => {
        await say(c, rng.pick(script.followUps));
        if (c.state === 'bot') later(rng.between(30, 120) * second, finish);
      });
    } else later(rng.between(30, 150) * second, finish);
  };

  const start = now();
  const arrivals = planArrivals({
    start,
    days: input.days,
    perDay: input.perDay,
    packs: Object.entries(packScripts).map(([id, p]) => ({ id, weight: p.weight })),
    isOpen: (pack, when) => isOpen(teamHours.get(packScripts[pack]!.team) ?? null, when),
    rng,
  });
  for (const a of arrivals) at(a.at, () => arrive(a.pack, packScripts[a.pack]!));
  for (let d = 0; d < input.days; d++)
    at(start + (d + 1) * day - 1, async () => input.onDay?.(d, { ...stats }));
  for (let t = start + 15 * minute; t < start + input.days * day; t += 15 * minute) {
    at(t, async () => {
      if ((await baton.services.analytics.checkSpikes()).raised) stats.spikeAlerts++;
    });
  }

  // Run everything; conversations still open at the end get up to two hours to finish.
  await timeline.runUntil(start + input.days * day + 2 * hour);
  return stats;
}
