import type { Logger } from 'pino';
import type { PackCheck } from '../bot/parse-pack.ts';
import { replayConversations } from '../escalation/replay-conversations.ts';
import type { OutcomeLabels } from '../feedback/outcome-labels.ts';
import type { EventBus } from '../platform/bus.ts';
import type { Db } from '../platform/db/database.ts';
import { fail } from '../platform/errors.ts';
import type { LabelledConversation, PackDocument } from '../protocol/learning.ts';
import { exportLabelledHistory } from './export-labelled-history.ts';
import { improveFigures } from './improve-figures.ts';
import { loadStoredConversations } from './load-stored-conversations.ts';
import { parsePackDocument } from './pack-document.ts';
import type { PackRegistry } from './pack-registry.ts';
import { createPackVersionStore } from './pack-version-store.ts';
import { createPackVersions, type PrepareDocument } from './pack-versions.ts';
import { createShadowStore } from './shadow-store.ts';
import { createSuggestionQueue, type LearningEngine } from './suggestion-queue.ts';
import { createSuggestionStore } from './suggestion-store.ts';

/** How far back the labelled history reaches by default. */
const historyDays = 90;

/** The learning loop's live part: pack versions, the suggestions queue, shadow runs and their figures. */
export type Improve = Awaited<ReturnType<typeof createImprove>>;

export async function createImprove(deps: {
  db: Db;
  bus: EventBus;
  log: Logger;
  now: () => Date;
  registry: PackRegistry;
  prepare: PrepareDocument;
  checks: readonly PackCheck[];
  labels: OutcomeLabels;
  engine: LearningEngine | null;
  /** The packs as read from disk at start: each becomes version 1 (or a new version when its file changed). */
  disk: ReadonlyMap<string, PackDocument>;
  /** Milliseconds between checks of the live versions (in case a bus notice was lost); 0 = none. */
  pollMs: number;
  /** Milliseconds between scheduled learning runs over every pack; 0 = on demand only. */
  learnEveryMs: number;
}) {
  const versionStore = createPackVersionStore(deps.db);
  const suggestionStore = createSuggestionStore(deps.db);
  const shadowStore = createShadowStore(deps.db);
  const versions = createPackVersions({
    store: versionStore,
    registry: deps.registry,
    prepare: deps.prepare,
    bus: deps.bus,
    now: deps.now,
    log: deps.log,
    checks: deps.checks,
    changesOf: async (packId, id) => {
      const found = await suggestionStore.get(packId, id);
      return found?.status === 'approved' ? found.suggestion.change : null;
    },
  });

  const defaultTeam = (packId: string) => {
    const pack = deps.registry.packs.get(packId)?.pack;
    return pack?.teams.find((t) => t.default)?.id ?? pack?.teams[0]?.id ?? 'support';
  };

  /** The pack's labelled conversations in the learning contract's format. */
  const labelled = async (packId: string, since?: Date): Promise<LabelledConversation[]> => {
    if (!deps.registry.packs.has(packId)) fail('PACK_NOT_FOUND', `no pack ${packId}`);
    return exportLabelledHistory({
      db: deps.db,
      labels: deps.labels,
      packId,
      since: since ?? new Date(deps.now().getTime() - historyDays * 86_400_000),
      defaultTeam: defaultTeam(packId),
    });
  };

  const queue = createSuggestionQueue({
    store: suggestionStore,
    versions,
    versionStore,
    engine: deps.engine,
    history: (packId) => labelled(packId),
    now: deps.now,
    log: deps.log,
  });

  await versions.seed(deps.disk);
  const stopWatching = await versions.watch(deps.pollMs);
  let learning: Promise<unknown> | null = null;
  const learnTimer =
    deps.learnEveryMs > 0 && deps.engine
      ? setInterval(() => {
          learning ??= (async () => {
            for (const id of deps.registry.packs.keys()) await queue.run(id);
          })()
            .catch((err: unknown) => deps.log.error({ err }, 'scheduled learning run failed'))
            .finally(() => {
              learning = null;
            });
        }, deps.learnEveryMs)
      : null;
  learnTimer?.unref();

  return {
    versions,
    versionStore,
    queue,
    suggestionStore,
    shadowStore,
    labelled,

    /** Replays the pack's stored conversations under two versions' policies and reports what changes. */
    async compare(packId: string, from: number, to: number, since: Date | null) {
      const [a, b] = await Promise.all([versionStore.get(packId, from), versionStore.get(packId, to)]);
      if (!a) fail('VERSION_NOT_FOUND', `pack ${packId} has no version ${from}`);
      if (!b) fail('VERSION_NOT_FOUND', `pack ${packId} has no version ${to}`);
      const before = parsePackDocument(a.document, `${packId} v${from}`, deps.checks);
      const after = parsePackDocument(b.document, `${packId} v${to}`, deps.checks);
      return replayConversations({
        pack: after,
        before: before.policy,
        after: after.policy,
        conversations: await loadStoredConversations(deps.db, packId, since),
      });
    },

    figures: (packId: string) =>
      improveFigures({ db: deps.db, versions: versionStore, suggestions: suggestionStore }, packId),

    async close(): Promise<void> {
      if (learnTimer) clearInterval(learnTimer);
      await learning;
      await stopWatching();
    },
  };
}
