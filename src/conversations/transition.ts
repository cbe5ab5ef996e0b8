import type { ConversationState, Priority } from '../protocol/conversation.ts';
import type { EscalateDecision } from '../protocol/decision.ts';

/** The part of a conversation the lifecycle decides over. */
export type Lifecycle = {
  state: ConversationState;
  team: string | null;
  priority: Priority;
  assigneeId: string | null;
};

/** Everything that can happen to a conversation's lifecycle. */
export type LifecycleEvent =
  | {
      type: 'handoff';
      team: string;
      priority: Priority;
      mode?: 'warm' | 'cold';
      requiredSkills?: string[];
      /** The policy's decision that handed over (Baton's own bot), with the intent understood on its turn. */
      decision?: EscalateDecision;
      intent?: string | null;
      /** Why, when the decision was not taken by Baton's own policy (an external bot's handoff). */
      reasons?: string[];
    }
  | { type: 'assign'; agentId: string }
  | { type: 'take_over'; agentId: string; team: string | null }
  | { type: 'transfer_to_team'; team: string; priority?: Priority }
  | { type: 'transfer_to_agent'; agentId: string; team?: string }
  | { type: 'requeue' }
  | { type: 'hand_back' }
  | { type: 'cancel_waiting' }
  | { type: 'resolve' }
  | { type: 'reopen' }
  | { type: 'close' };

/** What changes, with the timestamps to set; `null` in a timestamp field means "clear it". */
export type LifecyclePatch = Lifecycle & {
  queuedAt?: Date | null;
  assignedAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
};

export type TransitionResult = { ok: true; next: LifecyclePatch } | { ok: false; reason: string };

const refuse = (from: ConversationState, event: LifecycleEvent['type']): TransitionResult => ({
  ok: false,
  reason: `cannot ${event.replaceAll('_', ' ')} a conversation that is ${from}`,
});

/** Decides the next lifecycle state for an event, or refuses an illegal transition. */
export function transition(from: Lifecycle, event: LifecycleEvent, now: Date): TransitionResult {
  // Only the lifecycle fields travel into the patch, whatever else the caller's object holds.
  const current: Lifecycle = {
    state: from.state,
    team: from.team,
    priority: from.priority,
    assigneeId: from.assigneeId,
  };
  const s = current.state;
  switch (event.type) {
    case 'handoff':
      if (s !== 'bot') return refuse(s, event.type);
      return ok({ ...current, state: 'queued', team: event.team, priority: event.priority, queuedAt: now });
    case 'assign':
      if (s !== 'queued') return refuse(s, event.type);
      return ok({ ...current, state: 'assigned', assigneeId: event.agentId, assignedAt: now });
    case 'take_over':
      if (s !== 'bot' && s !== 'queued') return refuse(s, event.type);
      return ok({
        ...current,
        state: 'assigned',
        assigneeId: event.agentId,
        team: current.team ?? event.team,
        assignedAt: now,
        queuedAt: s === 'bot' ? now : undefined,
      });
    case 'transfer_to_team':
      if (s !== 'assigned' && s !== 'queued') return refuse(s, event.type);
      return ok({
        ...current,
        state: 'queued',
        team: event.team,
        priority: event.priority ?? current.priority,
        assigneeId: null,
        queuedAt: now,
        assignedAt: null,
      });
    case 'transfer_to_agent':
      if (s !== 'assigned' && s !== 'queued') return refuse(s, event.type);
      if (event.agentId === current.assigneeId)
        return { ok: false, reason: 'the conversation is already with that agent' };
      return ok({
        ...current,
        state: 'assigned',
        assigneeId: event.agentId,
        team: event.team ?? current.team,
        assignedAt: now,
      });
    case 'requeue':
      if (s !== 'assigned') return refuse(s, event.type);
      // queuedAt is kept so the conversation goes back to the front among its priority.
      return ok({ ...current, state: 'queued', assigneeId: null, assignedAt: null });
    case 'hand_back':
      if (s !== 'assigned' && s !== 'queued') return refuse(s, event.type);
      return ok({
        ...current,
        state: 'bot',
        assigneeId: null,
        team: null,
        priority: 'normal',
        queuedAt: null,
        assignedAt: null,
      });
    case 'cancel_waiting':
      if (s !== 'queued') return refuse(s, event.type);
      return ok({ ...current, state: 'bot', team: null, priority: 'normal', queuedAt: null });
    case 'resolve':
      if (s !== 'assigned' && s !== 'bot') return refuse(s, event.type);
      return ok({ ...current, state: 'resolved', resolvedAt: now });
    case 'reopen':
      if (s !== 'resolved') return refuse(s, event.type);
      return ok({
        ...current,
        state: 'bot',
        assigneeId: null,
        team: null,
        priority: 'normal',
        resolvedAt: null,
        queuedAt: null,
        assignedAt: null,
      });
    case 'close':
      if (s === 'closed') return refuse(s, event.type);
      return ok({ ...current, state: 'closed', assigneeId: null, closedAt: now });
  }
}

function ok(next: LifecyclePatch): TransitionResult {
  return { ok: true, next };
}
