import type { Logger } from 'pino';
import type { ConversationHookEvent, ConversationService } from '../conversations/conversation-service.ts';
import type { LifecycleEvent } from '../conversations/transition.ts';
import type { BusinessEvent } from '../protocol/business-events.ts';
import type { Message } from '../protocol/conversation.ts';
import type { AnalyticsStore, NewAnalyticsEvent } from './analytics-store.ts';
import type { BatonMetrics } from './baton-metrics.ts';
import { describeHandoffReason } from './describe-handoff-reason.ts';

const recorded: Partial<Record<LifecycleEvent['type'], string>> = {
  handoff: 'handoff',
  cancel_waiting: 'cancelled',
  close: 'closed',
  hand_back: 'handed_back',
  resolve: 'resolved',
  requeue: 'requeued',
  transfer_to_team: 'transferred',
  reopen: 'reopened',
};

/**
 * Keeps the analytics event log and the Prometheus counters: lifecycle changes arrive through the
 * conversation service's hook, assignments and SLA breaches through `onEmitted` (app.ts's emitEvent),
 * stored messages through `onMessage` (the message writer, observed).
 */
export function recordAnalyticsEvents(deps: {
  conversations: ConversationService;
  store: AnalyticsStore;
  metrics: BatonMetrics;
  now: () => Date;
  log: Logger;
}) {
  const { conversations, store, metrics } = deps;

  const onLifecycle = async (e: Extract<ConversationHookEvent, { type: 'lifecycle' }>) => {
    const { event, conversation: c, previous } = e;
    const base: NewAnalyticsEvent = {
      conversationId: c.id,
      type: recorded[event.type] ?? event.type,
      at: new Date(c.updatedAt),
      pack: c.pack,
      team: c.team ?? previous.team,
      priority: c.priority,
      agentId: c.assigneeId ?? previous.assigneeId,
      fromState: previous.state,
      seq: c.lastSeq,
      rule: null,
      detectors: [],
      intent: null,
    };
    const takenFromBot = event.type === 'take_over' && previous.state === 'bot';
    if (event.type === 'handoff' || takenFromBot) {
      const reason = takenFromBot
        ? { rule: 'agent_takeover', detectors: [], intent: null }
        : describeHandoffReason(event.type === 'handoff' ? event : {});
      await store.recordEvent({ ...base, type: 'handoff', ...reason });
      metrics.handoff({ pack: c.pack, reason: reason.rule, team: c.team, priority: c.priority });
      return;
    }
    if (recorded[event.type]) await store.recordEvent(base);
  };

  return {
    /** Records a lifecycle change (handoffs with their reason, closes, requeues, ...). */
    async onConversationEvent(e: ConversationHookEvent): Promise<void> {
      if (e.type === 'lifecycle') await onLifecycle(e);
    },

    /** Counts a stored message; an agent's reply to the customer is recorded (first reply times). */
    async onMessage(message: Message): Promise<void> {
      metrics.message(message.authorKind);
      if (message.authorKind !== 'agent' || message.internal) return;
      try {
        const c = await conversations.getPlain(message.conversationId);
        await store.recordEvent({
          conversationId: c.id,
          type: 'agent_replied',
          at: deps.now(),
          pack: c.pack,
          team: c.team,
          priority: c.priority,
          agentId: message.authorId,
          fromState: c.state,
          seq: message.seq,
          rule: null,
          detectors: [],
          intent: null,
        });
      } catch (err) {
        deps.log.warn({ err }, 'analytics event not recorded');
      }
    },

    /** Hears what app.ts emits: assignments (offers accepted, auto-assign, take-over) and SLA breaches. */
    async onEmitted(event: BusinessEvent): Promise<void> {
      if (event.type !== 'conversation.assigned' && event.type !== 'sla.breached') return;
      try {
        const c = await conversations.getPlain(event.conversationId);
        if (event.type === 'conversation.assigned') {
          const agentId = event.data.agentId ?? c.assigneeId;
          const at = c.assignedAt ? new Date(c.assignedAt) : deps.now();
          await store.recordEvent({
            conversationId: c.id,
            type: 'assigned',
            at,
            pack: c.pack,
            team: c.team,
            priority: c.priority,
            agentId,
            fromState: 'queued',
            seq: c.lastSeq,
            rule: null,
            detectors: [],
            intent: null,
          });
          if (c.queuedAt) metrics.timeToAgent((at.getTime() - Date.parse(c.queuedAt)) / 1000);
          return;
        }
        const team = event.data.team ?? c.team;
        await store.recordEvent({
          conversationId: c.id,
          type: 'sla_breached',
          at: deps.now(),
          pack: c.pack,
          team,
          priority: c.priority,
          agentId: c.assigneeId,
          fromState: c.state,
          seq: c.lastSeq,
          rule: null,
          detectors: [],
          intent: null,
        });
        metrics.slaBreach(team);
      } catch (err) {
        deps.log.warn({ err, event: event.type }, 'analytics event not recorded');
      }
    },
  };
}
