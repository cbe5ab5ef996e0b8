import type { ConversationService } from '../conversations/conversation-service.ts';
import { fail } from '../platform/errors.ts';
import type { Csat, HandoffLabel } from '../protocol/analytics.ts';
import type { Conversation } from '../protocol/conversation.ts';
import { decideCsatPath, decideCsatWrite } from './decide-csat-path.ts';
import type { FeedbackStore } from './feedback-store.ts';

/** CSAT, the customer's own ending of a bot conversation, and the agents' handoff labels. */
export type FeedbackService = ReturnType<typeof createFeedbackService>;

export function createFeedbackService(deps: {
  store: FeedbackStore;
  conversations: ConversationService;
  now: () => Date;
  /** Called once per conversation, on its first rating (metrics). */
  onRated?: (csat: Csat) => void;
}) {
  const { store, conversations } = deps;
  const ended = (c: Conversation) => c.state === 'resolved' || c.state === 'closed';

  return {
    /** Rates an ended conversation 1-5; a second rating within 24 h replaces the first. */
    async rate(conversationId: string, rating: number, comment: string | null): Promise<Csat> {
      const conversation = await conversations.get(conversationId);
      if (!ended(conversation))
        fail('CONFLICT', 'rate the conversation once it has ended', { state: conversation.state });
      const now = deps.now();
      const existing = await store.getCsat(conversationId);
      const write = decideCsatWrite(existing && { createdAt: new Date(existing.createdAt) }, now);
      if (write.kind === 'refuse') fail('CONFLICT', write.reason);
      if (write.kind === 'replace') return store.replaceCsat(conversationId, rating, comment, now);
      const path = decideCsatPath(await store.pathFacts(conversationId));
      const created = await store.createCsat({ conversationId, rating, comment, path, now });
      if (!created) return store.replaceCsat(conversationId, rating, comment, now);
      deps.onRated?.(created);
      return created;
    },

    getCsat: (conversationId: string) => store.getCsat(conversationId),

    /** The customer ends a conversation the bot holds (resolve from `bot`); an ended one is returned as it is. */
    async end(conversationId: string): Promise<Conversation> {
      const conversation = await conversations.get(conversationId);
      if (ended(conversation)) return conversation;
      if (conversation.state !== 'bot')
        fail('ILLEGAL_TRANSITION', 'a person is handling this conversation; they will resolve it', {
          state: conversation.state,
        });
      return conversations.apply(
        conversationId,
        { type: 'resolve' },
        {
          with: async (change) => {
            await change.note('You ended the conversation. Thanks for chatting!', { event: 'ended' });
          },
        },
      );
    },

    /** An agent's verdict on a handoff: needed or not, reason right or wrong (while assigned or once ended). */
    async label(
      conversationId: string,
      agentId: string,
      input: {
        needed: boolean;
        reasonCorrect: boolean;
        teamCorrect?: boolean;
        rightTeam?: string;
        earlier?: boolean;
        note?: string;
      },
    ): Promise<HandoffLabel> {
      const conversation = await conversations.get(conversationId);
      const handedOff =
        conversation.state === 'assigned' ||
        (ended(conversation) && (await store.pathFacts(conversationId)).agentJoined);
      if (!handedOff)
        fail('CONFLICT', 'only a handed-off conversation can be labelled, while assigned or once resolved', {
          state: conversation.state,
        });
      return store.upsertLabel({
        conversationId,
        agentId,
        needed: input.needed,
        reasonCorrect: input.reasonCorrect,
        teamCorrect: input.teamCorrect ?? (input.rightTeam ? false : null),
        rightTeam: input.rightTeam ?? null,
        earlier: input.earlier ?? null,
        note: input.note ?? null,
        now: deps.now(),
      });
    },

    getLabel: (conversationId: string) => store.getLabel(conversationId),
  };
}
