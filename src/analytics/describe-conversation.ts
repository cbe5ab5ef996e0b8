/** A conversation as analytics reads it (times in epoch milliseconds). */
export type ConversationRow = {
  id: string;
  pack: string;
  state: string;
  createdAt: number;
};

/** One recorded analytics event (see analytics.tables.ts). */
export type EventRow = {
  conversationId: string;
  type: string;
  at: number;
  team: string | null;
  priority: string | null;
  agentId: string | null;
  fromState: string | null;
  seq: number;
  rule: string | null;
  detectors: string[];
  intent: string | null;
};

/** The wait estimate a customer was told (a system message with `metadata.event === 'queued'`). */
export type EstimateRow = { conversationId: string; seq: number; estimatedWaitSeconds: number };

/** One stay in the queue, from a handoff to its outcome. */
export type Episode = {
  at: number;
  seq: number;
  team: string | null;
  priority: string | null;
  rule: string;
  detectors: string[];
  intent: string | null;
  assignedAt: number | null;
  /** The first reply an agent sent the customer during this episode. */
  firstReplyAt: number | null;
  resolvedAt: number | null;
  outcome: 'waiting' | 'assigned' | 'resolved' | 'cancelled' | 'left' | 'handed_back';
  /** The estimate told for this wait, when there was one. */
  estimatedWaitSeconds: number | null;
};

/** What analytics concludes about one conversation. */
export type ConversationFacts = {
  conversation: ConversationRow;
  ended: boolean;
  episodes: Episode[];
  handedOff: boolean;
  contained: boolean;
  slaBreaches: { team: string | null }[];
};

const typeOrder: Record<string, number> = { handoff: 0, assigned: 1 };

/** Folds a conversation's events (any order) into its queue episodes and outcome. */
export function describeConversation(
  conversation: ConversationRow,
  events: readonly EventRow[],
  estimates: readonly EstimateRow[] = [],
): ConversationFacts {
  const sorted = [...events].sort(
    (a, b) => a.at - b.at || (typeOrder[a.type] ?? 2) - (typeOrder[b.type] ?? 2) || a.seq - b.seq,
  );
  const episodes: Episode[] = [];
  const slaBreaches: { team: string | null }[] = [];
  let open: Episode | null = null;
  const finish = (outcome: Episode['outcome']) => {
    if (open) open.outcome = outcome;
    open = null;
  };
  for (const e of sorted) {
    switch (e.type) {
      case 'handoff':
        open = {
          at: e.at,
          seq: e.seq,
          team: e.team,
          priority: e.priority,
          rule: e.rule ?? 'unknown',
          detectors: e.detectors,
          intent: e.intent,
          assignedAt: null,
          firstReplyAt: null,
          resolvedAt: null,
          outcome: 'waiting',
          estimatedWaitSeconds: null,
        };
        episodes.push(open);
        break;
      case 'assigned':
        if (open && open.assignedAt === null) {
          open.assignedAt = e.at;
          open.outcome = 'assigned';
        }
        break;
      case 'agent_replied':
        if (open && open.firstReplyAt === null) open.firstReplyAt = e.at;
        break;
      case 'cancelled':
        finish('cancelled');
        break;
      case 'closed':
        finish(e.fromState === 'queued' ? 'left' : open?.assignedAt != null ? 'resolved' : 'handed_back');
        break;
      case 'handed_back':
        finish('handed_back');
        break;
      case 'resolved':
        if (open && open.assignedAt !== null) open.resolvedAt = e.at;
        finish('resolved');
        break;
      case 'sla_breached':
        slaBreaches.push({ team: e.team });
        break;
      default:
        break;
    }
  }
  attachEstimates(episodes, estimates);
  const ended = conversation.state === 'resolved' || conversation.state === 'closed';
  return {
    conversation,
    ended,
    episodes,
    handedOff: episodes.length > 0,
    contained: ended && episodes.length === 0,
    slaBreaches,
  };
}

/** The estimate of an episode is the first one told after its handoff and before the next handoff. */
function attachEstimates(episodes: Episode[], estimates: readonly EstimateRow[]): void {
  const ordered = [...estimates].sort((a, b) => a.seq - b.seq);
  for (const [i, episode] of episodes.entries()) {
    const next = episodes[i + 1]?.seq ?? Number.POSITIVE_INFINITY;
    const told = ordered.find((x) => x.seq > episode.seq && x.seq <= next);
    episode.estimatedWaitSeconds = told ? told.estimatedWaitSeconds : null;
  }
}
