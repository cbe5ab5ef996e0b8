import type { Logger } from 'pino';
import { applyChanges } from '../learning/apply-changes.ts';
import { LearningError } from '../learning/learning-error.ts';
import { fail } from '../platform/errors.ts';
import type { LabelledConversation, PackChange, PackDocument, Suggestion } from '../protocol/learning.ts';
import type { PackVersionStore, PackVersionSummary } from './pack-version-store.ts';
import type { PackVersions } from './pack-versions.ts';
import type { StoredSuggestion, SuggestionStore } from './suggestion-store.ts';

/** The learning engine as the live loop uses it: a pack document and its labelled history in, suggestions out. */
export type LearningEngine = {
  /** Builds the bot from the document, runs it over the history and suggests (in a worker thread when live). */
  learn: (
    document: PackDocument,
    history: readonly LabelledConversation[],
    options: { rejected: string[] },
  ) => Promise<Suggestion[]>;
};

/** Applies a suggestion's changes to a document; one that no longer fits the pack is a 409 with a code. */
export function applySuggested(doc: PackDocument, changes: readonly PackChange[]): PackDocument {
  try {
    return applyChanges(doc, changes);
  } catch (err) {
    if (err instanceof LearningError) fail('CHANGE_NOT_APPLICABLE', err.message);
    throw err;
  }
}

/** The suggestions queue: the engine's runs, and a supervisor's approvals (a new live version) and rejections. */
export type SuggestionQueue = ReturnType<typeof createSuggestionQueue>;

export function createSuggestionQueue(deps: {
  store: SuggestionStore;
  versions: PackVersions;
  versionStore: PackVersionStore;
  engine: LearningEngine | null;
  /** The pack's labelled history, freshest labels first inferred. */
  history: (pack: string) => Promise<LabelledConversation[]>;
  now: () => Date;
  log: Logger;
}) {
  const { store } = deps;
  const running = new Map<string, Promise<{ suggestions: number; added: number; conversations: number }>>();

  const mustWaiting = (found: StoredSuggestion | null, packId: string, id: string) => {
    if (!found) fail('SUGGESTION_NOT_FOUND', `pack ${packId} has no suggestion ${id}`);
    if (found.status !== 'waiting')
      fail('CONFLICT', `this suggestion was already ${found.status}`, { status: found.status });
    return found;
  };

  /** Runs the engine over the labelled history under the live version (one run per pack at a time). */
  const run = (packId: string) => {
    const current = running.get(packId);
    if (current) return current;
    const started = (async () => {
      if (!deps.engine) fail('NOT_READY', 'the learning engine is not available on this server');
      const head = (await deps.versionStore.head(packId)) ?? fail('PACK_NOT_FOUND', `no pack ${packId}`);
      const live = (await deps.versionStore.get(packId, head.liveVersion))!;
      const history = await deps.history(packId);
      const made = await deps.engine.learn(live.document, history, {
        rejected: await store.rejectedIds(packId),
      });
      const { added } = await store.saveRun(packId, made, deps.now());
      deps.log.info({ pack: packId, suggestions: made.length, added }, 'learning run');
      return { suggestions: made.length, added, conversations: history.length };
    })().finally(() => running.delete(packId));
    running.set(packId, started);
    return started;
  };

  return {
    run,

    list: store.list,

    /**
     * Approves a suggestion (with the supervisor's edits to its change, if any): the changes applied to the live
     * version make a new version, live on every instance; the version, the suggestion's status and the audit
     * entry are one transaction.
     */
    async approve(input: {
      packId: string;
      id: string;
      actor: string;
      reason?: string;
      change?: PackChange[];
    }): Promise<{ suggestion: StoredSuggestion; version: PackVersionSummary }> {
      const found = mustWaiting(await store.get(input.packId, input.id), input.packId, input.id);
      const edited: Suggestion | undefined = input.change
        ? { ...found.suggestion, change: input.change }
        : undefined;
      const changes = edited?.change ?? found.suggestion.change;
      const version = await deps.versions.commit({
        packId: input.packId,
        change: (doc) => applySuggested(doc, changes),
        source: 'suggestion',
        author: input.actor,
        reason: input.reason?.trim() || found.suggestion.title,
        suggestionId: input.id,
        also: async (w, made) => {
          const locked = store.within(w.db);
          mustWaiting(await locked.lock(input.packId, input.id), input.packId, input.id);
          await locked.decide(input.packId, input.id, {
            status: 'approved',
            reason: input.reason?.trim() || null,
            by: input.actor,
            at: deps.now(),
            version: made.version,
            body: edited,
          });
          await w.audit({
            packId: input.packId,
            action: 'approve',
            actor: input.actor,
            reason: input.reason?.trim() || null,
            details: {
              suggestion: input.id,
              version: made.version,
              edited: !!edited,
              kind: found.suggestion.kind,
            },
            now: deps.now(),
          });
        },
      });
      return { suggestion: (await store.get(input.packId, input.id))!, version };
    },

    /** Rejects a suggestion with a reason; the engine does not propose it again. Audited. */
    async reject(input: {
      packId: string;
      id: string;
      actor: string;
      reason: string;
    }): Promise<StoredSuggestion> {
      await deps.versionStore.transaction(async (w) => {
        const locked = store.within(w.db);
        const found = mustWaiting(await locked.lock(input.packId, input.id), input.packId, input.id);
        await locked.decide(input.packId, input.id, {
          status: 'rejected',
          reason: input.reason,
          by: input.actor,
          at: deps.now(),
          version: null,
        });
        await w.audit({
          packId: input.packId,
          action: 'reject',
          actor: input.actor,
          reason: input.reason,
          details: { suggestion: input.id, kind: found.suggestion.kind },
          now: deps.now(),
        });
      });
      return (await store.get(input.packId, input.id))!;
    },

    /** Makes a candidate version from a suggestion and runs it in shadow, without approving it yet. */
    async tryInShadow(input: { packId: string; id: string; actor: string; change?: PackChange[] }) {
      const found = mustWaiting(await store.get(input.packId, input.id), input.packId, input.id);
      const changes = input.change ?? found.suggestion.change;
      return deps.versions.propose({
        packId: input.packId,
        change: (doc) => applySuggested(doc, changes),
        author: input.actor,
        reason: `shadow: ${found.suggestion.title}`,
        suggestionId: input.id,
      });
    },
  };
}
