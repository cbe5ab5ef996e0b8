import { inferOutcomeLabels } from './infer-outcome-labels.ts';
import type { OutcomeStore } from './outcome-store.ts';
import { type ResolvedLabel, resolveLabel } from './resolve-label.ts';

/** A conversation's outcome label with where each part came from. */
export type ConversationLabel = ResolvedLabel & { conversationId: string; pack: string; endedAt: string };

/** Outcome labels: inferred from what happened when a conversation ends, combined with the agents' labels. */
export type OutcomeLabels = ReturnType<typeof createOutcomeLabels>;

export function createOutcomeLabels(deps: { store: OutcomeStore; now: () => Date }) {
  const { store } = deps;

  /** Reads the labels off an ended conversation and stores them (replacing earlier inferences). */
  const infer = async (conversationId: string): Promise<number> => {
    const outcome = await store.facts(conversationId);
    if (!outcome) return 0;
    const labels = inferOutcomeLabels(outcome.facts);
    await store.saveInferred(conversationId, outcome.pack, labels, deps.now());
    return labels.length;
  };

  return {
    infer,

    /** When a conversation ends: its labels, and those of the customer's conversations it may be a re-contact of. */
    async ended(conversationId: string): Promise<void> {
      await infer(conversationId);
      for (const id of await store.earlierOfCustomer(conversationId)) await infer(id);
    },

    /** Infers the labels of a pack's conversations ended since `since`, all of them or only new ones. */
    async refresh(pack: string, since: Date, options: { all?: boolean } = {}): Promise<number> {
      const ids = options.all
        ? (await store.listLabels(pack, since)).map((l) => l.conversationId)
        : await store.endedWithoutInference(pack, since);
      for (const id of ids) await infer(id);
      return ids.length;
    },

    /** A pack's conversations ended since `since` that carry a label, a person's beating an inferred one. */
    async list(pack: string, since: Date): Promise<ConversationLabel[]> {
      const stored = await store.listLabels(pack, since);
      return stored.flatMap((s) => {
        const resolved = resolveLabel(s.person, s.inferred);
        if (resolved.sources.length === 0) return [];
        return [{ conversationId: s.conversationId, pack: s.pack, endedAt: s.endedAt, ...resolved }];
      });
    },
  };
}
