import type { Logger } from 'pino';
import type { AuditedChange } from '../audit/audit-log.ts';
import type { ConversationHookEvent, ConversationService } from '../conversations/conversation-service.ts';
import type { EventBus } from '../platform/bus.ts';
import { fail } from '../platform/errors.ts';
import type { BusinessEvent } from '../protocol/business-events.ts';
import type { Conversation, Priority } from '../protocol/conversation.ts';
import { agentTopic, inboxTopic, supervisorTopic } from '../protocol/topics.ts';
import type { Offer as OfferView, ServerMessage } from '../protocol/ws.ts';
import { type BusinessHours, isOpen, nextOpening } from './business-hours.ts';
import { isEligible } from './choose-agent.ts';
import { createQueueDescriber } from './describe-queue.ts';
import { describeTeamOpening } from './describe-team-opening.ts';
import { describeWait } from './estimate-wait.ts';
import { createMissedOfferHandler } from './handle-missed-offer.ts';
import { hedgeWait } from './hedge-wait.ts';
import { planDispatch } from './plan-dispatch.ts';
import { planOverflow } from './plan-overflow.ts';
import { presenceOnConnect } from './presence-on-connect.ts';
import {
  createRoutingStore,
  type Offer,
  type PresenceStatus,
  type RoutingStore,
  type Team,
} from './routing-store.ts';
import { createTakeConversation } from './take-conversation.ts';

/** Something routing did that other parts (webhooks, analytics) may want to know. */

const nextPriority: Record<Priority, Priority> = { normal: 'high', high: 'urgent', urgent: 'urgent' };

/** What an agent holding an offer is told when the conversation stops waiting another way. */
const withdrawnBecause: Partial<Record<string, string>> = {
  cancel_waiting: 'the customer stopped waiting',
  take_over: 'taken by someone else',
  hand_back: 'handed back to the assistant',
  close: 'the conversation was closed',
};

/** Routing use cases: queue on handoff, offer to the right agent, accept/decline, presence, SLA, overflow. */
export type RoutingService = ReturnType<typeof createRoutingService>;

export function createRoutingService(deps: {
  store: RoutingStore;
  conversations: ConversationService;
  bus: EventBus;
  now: () => Date;
  log: Logger;
  /** How long a console user may be silent before going offline. */
  presenceGraceSeconds?: number;
  /** Customer-facing wording per pack (handoff queued, team closed). */
  wording: (pack: string) => { queued: string; closed: string };
  /** The first reason of the decision that handed a conversation over (its context package), null if none. */
  handoffReason: (conversationId: string) => Promise<string | null>;
  emit?: (event: BusinessEvent) => Promise<void>;
  /** Runs a settings change with its audit entry in one transaction. */
  audited: AuditedChange;
}) {
  const { store, conversations, bus, log } = deps;
  /** Tells listeners (webhooks, metrics) without holding up the conversation. */
  const emit = async (event: BusinessEvent) => {
    deps
      .emit?.(event)
      .catch((err: unknown) => log.error({ err, event: event.type }, 'routing event listener failed'));
  };
  const tell = (agentId: string, message: ServerMessage) => bus.publish(agentTopic(agentId), message);
  let lastPicked = new Map<string, string>();
  let teamCache: { at: number; teams: Map<string, Team> } | null = null;
  const teams = async (): Promise<Map<string, Team>> => {
    const t = deps.now().getTime();
    if (!teamCache || t - teamCache.at > 5_000)
      teamCache = { at: t, teams: new Map((await store.listTeams()).map((x) => [x.id, x])) };
    return teamCache.teams;
  };

  const queue = createQueueDescriber({ store, teams, now: deps.now });
  const describeQueue = queue.describe;
  const republish = async (conversationId: string) =>
    conversations.publishConversation(await conversations.get(conversationId));

  /** Re-publishes every queued conversation of a team so customers see their new place. */
  const refreshQueue = async (team: string) => {
    for (const id of await store.queuedIds(team)) await republish(id);
  };
  /** Who can take conversations changed: every waiting customer gets a fresh estimate. */
  const refreshQueues = async () => {
    queue.forgetAgents();
    for (const team of (await teams()).keys()) await refreshQueue(team);
  };

  const offerView = async (offer: Offer): Promise<OfferView> => {
    const [c, reason] = await Promise.all([
      conversations.getPlain(offer.conversationId),
      deps.handoffReason(offer.conversationId),
    ]);
    return {
      id: offer.id,
      conversationId: offer.conversationId,
      team: c.team,
      priority: c.priority,
      mode: 'warm',
      expiresAt: offer.expiresAt.toISOString(),
      reason: reason ?? 'handed over by the assistant',
      pack: c.pack,
    };
  };

  const afterAssigned = async (conversationId: string, agentId: string, warm: boolean) => {
    const c = await conversations.get(conversationId);
    await conversations.publishConversation(c);
    const name = (await store.agentNames([agentId])).get(agentId) ?? 'An agent';
    const teamName = c.team ? ((await teams()).get(c.team)?.name ?? c.team) : null;
    await conversations.systemNote(
      conversationId,
      warm && teamName
        ? `${name} from ${teamName} is joining the conversation.`
        : `${name} joined the conversation.`,
      { event: 'agent_joined', agentId },
    );
    await emit({
      type: 'conversation.assigned',
      conversationId,
      data: { agentId, team: c.team, priority: c.priority },
    });
    if (c.team) await refreshQueue(c.team);
  };

  /** Offers (or, for cold handoffs and auto-accept teams, assigns) queued conversations to eligible agents. */
  const dispatch = async (onlyTeam: string | null): Promise<number> => {
    const now = deps.now();
    const candidates = await store.candidates();
    if (candidates.length === 0) return 0;
    const waiting = await store.queued(onlyTeam);
    const plan = planDispatch({
      queue: waiting,
      candidates,
      teams: await teams(),
      // Who already declined or let an offer lapse, for the whole queue in one read.
      refused: await store.refusedBy(waiting),
      lastPicked,
      now,
    });
    lastPicked = plan.lastPicked;
    let placed = 0;
    for (const step of plan.steps) {
      if (step.kind === 'assign') {
        const result = await store.claim(step.conversationId, step.agentId, now, null);
        if (result.ok) {
          placed++;
          await afterAssigned(step.conversationId, step.agentId, false);
        }
        continue;
      }
      const offer = await store.createOffer(step.conversationId, step.agentId, now, step.expiresAt, true);
      if (!offer) continue;
      placed++;
      queue.forgetAgents();
      await tell(step.agentId, { type: 'offer', offer: await offerView(offer) });
      await emit({
        type: 'offer.created',
        conversationId: step.conversationId,
        data: { agentId: step.agentId, offerId: offer.id },
      });
      // The customer's estimate now counts the agent being offered it.
      await republish(step.conversationId);
    }
    return placed;
  };

  /** Requeues an agent's live conversations at the front, with a note (unless they keep them), and withdraws their offers. */
  const requeueAgent = async (agentId: string, why: string, keepConversations = false) => {
    for (const id of keepConversations ? [] : await store.assignedTo(agentId)) {
      try {
        await conversations.apply(
          id,
          { type: 'requeue' },
          {
            with: async (change) => {
              await change.note(
                `Your agent ${why}. You're back at the front of the queue; the next available agent will continue.`,
                { event: 'requeued', agentId },
              );
            },
          },
        );
        await emit({ type: 'conversation.requeued', conversationId: id, data: { agentId, why } });
      } catch (err) {
        log.warn({ err, conversationId: id }, 'requeue failed');
      }
    }
    for (const offer of await store.pendingOffersOf(agentId)) {
      if (await store.closeOffer(offer.id, 'cancelled', deps.now()))
        await tell(agentId, { type: 'offer_closed', offerId: offer.id, reason: 'you are not online' });
    }
  };

  const onConversationEvent = async (e: ConversationHookEvent) => {
    if (e.type === 'agent_message') {
      await store.markFirstAgentReply(e.conversation.id, deps.now());
      return;
    }
    if (e.type !== 'lifecycle') return;
    const { event, conversation, previous } = e;
    if (previous.state === 'queued' && conversation.state !== 'queued') {
      // Whoever was offered it meanwhile is told at once, and the offer stops holding a slot of theirs.
      for (const offer of await store.cancelOffersFor(conversation.id, deps.now())) {
        await tell(offer.agentId, {
          type: 'offer_closed',
          offerId: offer.id,
          reason: withdrawnBecause[event.type] ?? 'the conversation is no longer waiting',
        });
      }
      queue.forgetAgents();
    }
    switch (event.type) {
      case 'handoff':
        await onHandoff(conversation, event.mode ?? 'warm', event.requiredSkills ?? []);
        return;
      case 'transfer_to_team':
        await emit({
          type: 'conversation.transferred',
          conversationId: conversation.id,
          data: { from: previous.team, to: conversation.team, fromAgent: previous.assigneeId },
        });
        await dispatch(conversation.team);
        if (conversation.team) await refreshQueue(conversation.team);
        return;
      case 'resolve':
        await emit({
          type: 'conversation.resolved',
          conversationId: conversation.id,
          data: { agentId: previous.assigneeId, team: conversation.team },
        });
        if (previous.assigneeId) await dispatch(null);
        return;
      case 'hand_back':
      case 'cancel_waiting':
      case 'requeue':
      case 'take_over':
        if (previous.team) await refreshQueue(previous.team);
        await dispatch(event.type === 'requeue' ? conversation.team : null);
        return;
      default:
        return;
    }
  };

  const onHandoff = async (conversation: Conversation, mode: 'warm' | 'cold', requiredSkills: string[]) => {
    const now = deps.now();
    const team = conversation.team ? (await teams()).get(conversation.team) : undefined;
    const slaSeconds = team?.slaSeconds?.[conversation.priority];
    await store.setHandoffDetails(conversation.id, {
      mode,
      requiredSkills,
      slaDueAt: slaSeconds ? new Date(now.getTime() + slaSeconds * 1000) : null,
    });
    await emit({
      type: 'handoff.created',
      conversationId: conversation.id,
      data: { team: conversation.team, priority: conversation.priority, mode, pack: conversation.pack },
    });
    await dispatch(conversation.team);
    const current = await conversations.get(conversation.id);
    if (current.state !== 'queued') return;
    const wording = deps.wording(current.pack);
    const open = isOpen(team?.businessHours as BusinessHours | null, now);
    if (!open || !current.agentsAvailable) {
      const opens = open ? null : nextOpening(team?.businessHours as BusinessHours | null, now);
      const when = describeTeamOpening(opens, now, (team?.businessHours as BusinessHours | null)?.timezone);
      const text = fill(wording.closed, { 'team.name': team?.name ?? 'our team', opens: when.text });
      await conversations.systemNote(
        current.id,
        `${text} You can keep waiting, leave a message with your email, or ask for a callback.`,
        {
          event: 'nobody_available',
          open,
          opensAt: opens?.toISOString() ?? null,
          opensText: when.phrase,
          options: ['wait', 'message', 'callback'],
        },
      );
      return;
    }
    const estimate = current.estimatedWaitSeconds ?? null;
    await conversations.systemNote(
      current.id,
      fill(hedgeWait(wording.queued), {
        position: String(current.queuePosition ?? 1),
        wait: describeWait(
          estimate === null ? { kind: 'nobody_available' } : { kind: 'estimate', seconds: estimate },
        ),
      }),
      { event: 'queued', position: current.queuePosition, estimatedWaitSeconds: estimate },
    );
  };

  /** Sets a console user's presence; going away or offline requeues their conversations unless they keep them. */
  const setPresence = async (agentId: string, status: PresenceStatus, keepConversations = false) => {
    const before = await store.setPresence(agentId, status, deps.now());
    queue.forgetAgents();
    if (before !== status) {
      await tell(agentId, { type: 'presence', status });
      await emit({ type: 'agent.presence', conversationId: null, data: { agentId, status } });
    }
    if (status !== 'online')
      await requeueAgent(agentId, status === 'away' ? 'stepped away' : 'went offline', keepConversations);
    else await dispatch(null);
    if (before !== status) await refreshQueues();
  };

  const onMissedOffer = createMissedOfferHandler({
    store,
    setAway: (agentId) => setPresence(agentId, 'away', true),
    tell,
    tellSupervisors: (message) => bus.publish(supervisorTopic, message),
  });

  conversations.setQueueDescriber(describeQueue);

  return {
    /** Queues a handed-over conversation and offers it, requeues, withdraws offers: what routing does on a change. */
    onConversationEvent,
    dispatch,
    describeQueue,
    take: createTakeConversation({ store, conversations, tell, now: deps.now }),

    async accept(offerId: string, agentId: string) {
      const offer = (await store.getOffer(offerId)) ?? fail('NOT_FOUND', `no offer ${offerId}`);
      if (offer.agentId !== agentId) fail('FORBIDDEN', 'this offer was made to someone else');
      const result = await store.claim(offer.conversationId, agentId, deps.now(), offerId);
      if (!result.ok) {
        const messages = {
          offer_gone: 'the offer is no longer open (it expired or was withdrawn)',
          not_queued: 'the conversation is no longer waiting',
          over_capacity: 'you are at your capacity; finish a conversation first',
          agent_unavailable: 'set yourself online to accept offers',
        } as const;
        fail(result.reason === 'over_capacity' ? 'AGENT_AT_CAPACITY' : 'CONFLICT', messages[result.reason], {
          reason: result.reason,
        });
      }
      await tell(agentId, { type: 'offer_closed', offerId, reason: 'accepted' });
      await afterAssigned(offer.conversationId, agentId, true);
      return conversations.get(offer.conversationId);
    },

    async decline(offerId: string, agentId: string) {
      const offer = (await store.getOffer(offerId)) ?? fail('NOT_FOUND', `no offer ${offerId}`);
      if (offer.agentId !== agentId) fail('FORBIDDEN', 'this offer was made to someone else');
      if (!(await store.closeOffer(offerId, 'declined', deps.now())))
        fail('CONFLICT', 'the offer is no longer open');
      await tell(agentId, { type: 'offer_closed', offerId, reason: 'declined' });
      await emit({ type: 'offer.declined', conversationId: offer.conversationId, data: { agentId } });
      queue.forgetAgents();
      await dispatch(null);
      // Offered elsewhere or cooling down: either way the customer's estimate changed.
      await republish(offer.conversationId);
    },

    pendingOffers: async (agentId: string) =>
      Promise.all((await store.pendingOffersOf(agentId)).map(offerView)),

    setPresence: (agentId: string, status: PresenceStatus) => setPresence(agentId, status),

    /** A console connected: presence by role (`presenceOnConnect`), and the console is told where it stands. */
    async connect(agentId: string, role: 'agent' | 'supervisor' | 'admin') {
      const current = await store.presenceOf(agentId);
      const next = presenceOnConnect(role, current);
      if (next !== current) await setPresence(agentId, next);
      else {
        await store.heartbeat([agentId], deps.now());
        await tell(agentId, { type: 'presence', status: current });
      }
    },

    heartbeat: (agentIds: string[]) => store.heartbeat(agentIds, deps.now()),

    /** Someone's teams changed: offer them what waits, and give waiting customers fresh estimates. */
    async membershipChanged() {
      queue.forgetAgents();
      await dispatch(null);
      await refreshQueues();
    },

    /** Moves a conversation to another team (or, via that agent's first team, to one agent) with an internal note. */
    async transfer(
      conversationId: string,
      from: { id: string; name: string },
      to: { team?: string; agentId?: string },
      note: string,
    ) {
      const target = to.agentId ? await store.agentNames([to.agentId]) : null;
      if (to.agentId && !target?.has(to.agentId)) fail('AGENT_NOT_FOUND', `no agent ${to.agentId}`);
      const team = to.team ?? (await conversations.get(conversationId)).team;
      if (!team || !(await teams()).has(team)) fail('VALIDATION_FAILED', `no team ${team}`);
      const teamName = (await teams()).get(team)?.name ?? team;
      const now = deps.now();
      let offer: Offer | null = null;
      // The notes, the named agent's offer and the move commit together; the offer exists before the team's
      // dispatch (which runs once the move is stored) can offer the conversation to someone else.
      const updated = await conversations.apply(
        conversationId,
        { type: 'transfer_to_team', team },
        {
          before: async (change) => {
            if (to.agentId)
              offer = await store
                .within(change.db)
                .createOffer(conversationId, to.agentId, now, new Date(now.getTime() + 60_000));
          },
          with: async (change) => {
            await change.note(
              `Transfer from ${from.name}: ${note}`,
              { event: 'transfer_note', from: from.id, fromName: from.name, note, to },
              true,
            );
            await change.note(`You're being transferred to ${teamName}. They can see everything so far.`, {
              event: 'transferred',
              team,
            });
          },
        },
      );
      const made = offer as Offer | null;
      if (made) await tell(made.agentId, { type: 'offer', offer: await offerView(made) });
      return updated;
    },

    /** One pass of the timers: expired offers, SLA breaches, silent agents, overflow, then assignment. */
    async tick(): Promise<void> {
      const now = deps.now();
      const expired = await store.expireDue(now);
      if (expired.length > 0) queue.forgetAgents();
      for (const offer of expired) {
        await tell(offer.agentId, { type: 'offer_closed', offerId: offer.id, reason: 'expired' });
        await emit({
          type: 'offer.expired',
          conversationId: offer.conversationId,
          data: { agentId: offer.agentId },
        });
        const c = await conversations.get(offer.conversationId);
        await onMissedOffer(offer, c.team);
        if (c.state === 'queued') await conversations.publishConversation(await conversations.get(c.id));
      }
      for (const breach of await store.takeSlaBreaches(now)) {
        const bumped = nextPriority[breach.priority];
        if (bumped !== breach.priority) await store.bumpPriority(breach.id, bumped);
        const text = `SLA breached: conversation ${breach.id} (${breach.team ?? 'no team'}) has no agent reply yet; priority ${bumped}`;
        await bus.publish(supervisorTopic, {
          type: 'notice',
          level: 'critical',
          text,
          conversationId: breach.id,
          event: 'sla.breached',
        } satisfies ServerMessage);
        await emit({
          type: 'sla.breached',
          conversationId: breach.id,
          data: { team: breach.team, priority: bumped, state: breach.state },
        });
        await conversations.publishConversation(await conversations.get(breach.id));
      }
      const grace = (deps.presenceGraceSeconds ?? 60) * 1000;
      const stale = await store.staleAgents(new Date(now.getTime() - grace));
      for (const agentId of stale) {
        await store.setPresence(agentId, 'offline', now);
        await requeueAgent(agentId, 'lost connection');
      }
      if (stale.length > 0) await refreshQueues();
      const byId = await teams();
      for (const move of planOverflow(await store.queued(null), byId, now.getTime())) {
        try {
          // Only while still queued: another instance may have assigned it since the queue was read.
          await conversations.apply(
            move.conversationId,
            { type: 'transfer_to_team', team: move.to },
            {
              from: 'queued',
              with: async (change) => {
                await change.note(
                  `Waited over ${move.from.overflowAfterSeconds} s for ${move.from.name}; overflowed to ${move.to}.`,
                  { event: 'overflow' },
                  true,
                );
              },
            },
          );
        } catch (err) {
          log.info({ err, conversationId: move.conversationId }, 'overflow skipped');
        }
      }
      await dispatch(null);
    },

    async leaveTicket(
      conversationId: string,
      input: {
        kind: 'message' | 'callback';
        contact: string | null;
        callbackAt: Date | null;
        note: string | null;
      },
    ) {
      const c = await conversations.get(conversationId);
      // The ticket and the customer's note about it are stored together, or neither is.
      const ticket = await conversations.change(conversationId, async (change) => {
        const created = await store
          .within(change.db)
          .createTicket({ conversationId, team: c.team, ...input, now: deps.now() });
        await change.note(
          input.kind === 'callback'
            ? `Thanks, we'll call you back${input.callbackAt ? ` around ${input.callbackAt.toUTCString()}` : ''}.`
            : "Thanks, your message is with the team; they'll reply by email.",
          { event: 'ticket', ticketId: created.id },
        );
        return created;
      });
      await emit({
        type: 'ticket.created',
        conversationId,
        data: { ticketId: ticket.id, kind: input.kind, team: c.team },
      });
      await bus.publish(inboxTopic, {
        type: 'notice',
        level: 'info',
        text: input.kind === 'callback' ? 'A customer asked for a callback' : 'A customer left a message',
        conversationId,
        event: 'ticket.created',
      } satisfies ServerMessage);
      await bus.publish(inboxTopic, {
        type: 'tickets',
        event: 'created',
        ticketId: ticket.id,
      } satisfies ServerMessage);
      return ticket;
    },
    /** Who declined or missed the conversations waiting now: of the user's teams, or all for supervisors. */
    queueRefusals: (teams: string[] | null) => store.queueRefusals(teams),
    listTickets: () => store.listTickets('open'),
    /** Closes a ticket; every console's list drops it live. */
    async closeTicket(id: string) {
      const closed = await store.closeTicket(id);
      if (closed)
        await bus.publish(inboxTopic, {
          type: 'tickets',
          event: 'closed',
          ticketId: id,
        } satisfies ServerMessage);
      return closed;
    },
    listTeams: () => store.listTeams(),
    /** The live state of every team's queue: depth, oldest wait, agents online and free slots, SLA at risk. */
    async liveQueues() {
      const now = deps.now();
      const [byId, state, candidates] = await Promise.all([
        teams(),
        store.queueState(now, 60),
        store.candidates(),
      ]);
      const stateByTeam = new Map(state.map((s) => [s.team, s]));
      return [...byId.values()].map((team) => {
        const s = stateByTeam.get(team.id);
        const members = candidates.filter((a) =>
          isEligible(
            { ...a, load: 0 },
            {
              team: team.id,
              teamSkills: team.skills,
              requiredSkills: [],
              relaxSkills: true,
              exclude: [],
              strategy: 'least_busy',
              lastPicked: null,
            },
          ),
        );
        return {
          team: team.id,
          name: team.name,
          open: isOpen(team.businessHours as BusinessHours | null, now),
          depth: s?.depth ?? 0,
          oldestWaitSeconds: s?.oldestQueuedAt
            ? Math.max(0, Math.round((now.getTime() - s.oldestQueuedAt.getTime()) / 1000))
            : 0,
          agentsOnline: members.length,
          freeSlots: members.reduce((n, a) => n + Math.max(0, a.capacity - a.load), 0),
          slaAtRisk: s?.slaAtRisk ?? 0,
          slaBreached: s?.slaBreached ?? 0,
        };
      });
    },

    /** Agents online now (eligible or not). */
    onlineAgentIds: async () => new Set((await store.candidates()).map((a) => a.id)),
    /** Changes a team's settings with its audit entry; waiting customers then get fresh wording (hours, place). */
    async updateTeam(id: string, patch: Partial<Omit<Team, 'id'>>, actor: string) {
      const updated = await deps.audited(
        { area: 'teams', subject: id, action: 'update', actor },
        async (tx) => {
          const teamsInTx = createRoutingStore(tx);
          const before = (await teamsInTx.getTeam(id)) ?? fail('NOT_FOUND', `no team ${id}`);
          const after = (await teamsInTx.updateTeam(id, patch)) ?? fail('NOT_FOUND', `no team ${id}`);
          return { result: after, before, after };
        },
      );
      teamCache = null;
      // The change is saved; a customer not told at once still gets the new wording on the next refresh.
      await refreshQueue(id).catch((err: unknown) =>
        log.warn({ err, team: id }, 'refreshing the queue failed'),
      );
      return updated;
    },
  };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_m, key: string) => values[key] ?? '');
}
