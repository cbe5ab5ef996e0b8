import type { Logger } from 'pino';
import type { LoadedPack } from '../bot/load-packs.ts';
import type { PackCheck } from '../bot/parse-pack.ts';
import type { EventBus } from '../platform/bus.ts';
import { fail } from '../platform/errors.ts';
import type { PackChange, PackDocument } from '../protocol/learning.ts';
import { diffDocuments } from './diff-packs.ts';
import { documentHash, isPackError, parsePackDocument } from './pack-document.ts';
import type { PackRegistry } from './pack-registry.ts';
import type { PackVersionStore, PackVersionSummary } from './pack-version-store.ts';
import { type CarriedVersion, type Rebased, rebaseOnFile } from './rebase-on-file.ts';

/** The bus topic on which a pack's new live or shadow version is announced to every instance. */
export const packVersionTopic = 'pack-versions';

/** Builds a LoadedPack from a document; throws a PackError when it does not validate. */
export type PrepareDocument = (doc: PackDocument, name: string) => Promise<LoadedPack>;

type Writes = Parameters<Parameters<PackVersionStore['transaction']>[0]>[0];

/** Pack versions: stored, made live or shadow on every instance without a restart, rolled back. */
export type PackVersions = ReturnType<typeof createPackVersions>;

export function createPackVersions(deps: {
  store: PackVersionStore;
  registry: PackRegistry;
  prepare: PrepareDocument;
  bus: EventBus;
  now: () => Date;
  log: Logger;
  checks: readonly PackCheck[];
  /** The change a supervisor approved for a suggestion (as edited), to re-apply on a changed pack file. */
  changesOf: (packId: string, suggestionId: string) => Promise<readonly PackChange[] | null>;
}) {
  const { store, registry, log } = deps;
  /** Prepared versions by `pack@version`, so a shadow promoted to live is not built twice. */
  const prepared = new Map<string, LoadedPack>();

  const load = async (packId: string, version: number): Promise<LoadedPack> => {
    const key = `${packId}@${version}`;
    const hit = prepared.get(key);
    if (hit) return hit;
    const stored = await store.get(packId, version);
    if (!stored) throw new Error(`pack ${packId} has no version ${version}`);
    const loaded = await deps.prepare(stored.document, `${packId} v${version}`);
    prepared.set(key, loaded);
    return loaded;
  };

  /** Brings this instance's registry in line with the stored heads (one sync at a time). */
  let syncing: Promise<void> = Promise.resolve();
  const sync = (): Promise<void> => {
    syncing = syncing.then(async () => {
      for (const head of await store.heads()) {
        if (!registry.packs.has(head.packId)) continue;
        try {
          if (registry.version(head.packId) !== head.liveVersion)
            registry.swap(head.packId, {
              version: head.liveVersion,
              loaded: await load(head.packId, head.liveVersion),
            });
          const shadow = registry.shadow(head.packId);
          if ((shadow?.version ?? null) !== head.shadowVersion)
            registry.setShadow(
              head.packId,
              head.shadowVersion === null
                ? null
                : { version: head.shadowVersion, loaded: await load(head.packId, head.shadowVersion) },
            );
        } catch (err) {
          log.error({ err, pack: head.packId }, 'loading a pack version failed');
        }
      }
      // Only the versions in use stay prepared.
      for (const key of [...prepared.keys()]) {
        const [id, v] = key.split('@');
        if (Number(v) !== registry.version(id!) && Number(v) !== registry.shadow(id!)?.version)
          prepared.delete(key);
      }
    });
    return syncing;
  };

  /** The approved versions between the live one and the pack file it grew from, oldest first. */
  const carriedSinceFile = async (packId: string, live: number): Promise<CarriedVersion[]> => {
    const out: CarriedVersion[] = [];
    let at = await store.get(packId, live);
    while (at && at.source !== 'disk') {
      if (at.source === 'suggestion' && at.suggestionId)
        out.unshift({ version: at.version, changes: await deps.changesOf(packId, at.suggestionId) });
      else if (at.source === 'edit') out.unshift({ version: at.version, changes: null });
      at = at.basedOn === null ? null : await store.get(packId, at.basedOn);
    }
    return out;
  };

  const announce = async (packId: string) => {
    await deps.bus
      .publish(packVersionTopic, { pack: packId })
      .catch((err: unknown) => log.warn({ err }, 'announcing a pack version failed'));
    await sync();
  };

  /** Checks a document before anything is stored: a pack that does not validate is refused with its problems. */
  const validate = async (packId: string, doc: PackDocument): Promise<LoadedPack> => {
    try {
      return await deps.prepare(doc, `${packId} (proposed)`);
    } catch (err) {
      if (isPackError(err)) fail('PACK_INVALID', err.message, { problems: err.issues });
      throw err;
    }
  };

  const mustHead = async (w: Writes, packId: string) =>
    (await w.lockHead(packId)) ?? fail('PACK_NOT_FOUND', `pack ${packId} has no versions`);

  return {
    sync,

    /**
     * At start: the pack as loaded from disk is version 1. When the file changed since the version last read from
     * disk, the new file is stored as a version; if nobody approved anything on top of the old file it goes live
     * as it is. Otherwise the approved changes since are kept: re-applied to the new file (`rebaseOnFile`) as a
     * new live version whose reason says which versions it carried and which no longer fit. Then this instance
     * runs the live versions.
     */
    async seed(disk: ReadonlyMap<string, PackDocument>, actor = 'disk'): Promise<void> {
      for (const [packId, doc] of disk) {
        const hash = documentHash(doc);
        if ((await store.latestFromDisk(packId))?.hash === hash) continue;
        const before = await store.head(packId);
        const carried = before ? await carriedSinceFile(packId, before.liveVersion) : [];
        const rebased =
          carried.length > 0
            ? rebaseOnFile(doc, carried, (d) => {
                parsePackDocument(d, `${packId} (re-based)`, deps.checks);
              })
            : null;
        await store.transaction(async (w) => {
          const head = await w.lockHead(packId);
          // Another instance may have stored it meanwhile (the head lock orders us).
          if ((await w.latestFromDisk(packId))?.hash === hash && head) return;
          const base = head ? await w.get(packId, head.liveVersion) : null;
          const made = await w.insertVersion({
            packId,
            document: doc,
            hash,
            source: 'disk',
            author: actor,
            reason: head ? 'the pack file changed' : 'the pack as loaded from disk',
            diff: base ? diffDocuments(base.document, doc) : [],
            basedOn: head?.liveVersion ?? null,
            now: deps.now(),
          });
          let live = made;
          if (rebased && base && head && head.liveVersion === before?.liveVersion) {
            live = await w.insertVersion({
              packId,
              document: rebased.document,
              hash: documentHash(rebased.document),
              source: 'rebase',
              author: actor,
              reason: rebaseReason(made.version, rebased),
              diff: diffDocuments(base.document, rebased.document),
              // Based on the version it carries forward, so a later change of the file finds them again.
              basedOn: head.liveVersion,
              now: deps.now(),
            });
            log.warn(
              { pack: packId, version: live.version, kept: rebased.applied, dropped: rebased.skipped },
              'the pack file changed: approved versions re-applied on it',
            );
          }
          await w.setLive(packId, live.version, deps.now());
          await w.audit({
            packId,
            action: 'version',
            actor,
            reason: live.reason,
            details: {
              version: live.version,
              file: made.version,
              ...(rebased && { kept: rebased.applied, dropped: rebased.skipped }),
            },
            now: deps.now(),
          });
        });
      }
      // The packs just loaded from disk are those versions, unless a later version is live.
      for (const [packId, doc] of disk) {
        const loaded = registry.packs.get(packId);
        const fromDisk = await store.latestFromDisk(packId);
        if (loaded && fromDisk && fromDisk.hash === documentHash(doc))
          prepared.set(`${packId}@${fromDisk.version}`, loaded);
      }
      await sync();
    },

    /**
     * Stores a new version made from the live one and makes it live, with `also` (the suggestion's status, the
     * audit) in the same transaction; then every instance loads it.
     */
    async commit(input: {
      packId: string;
      change: (live: PackDocument) => PackDocument;
      source: 'suggestion' | 'edit';
      author: string;
      reason: string;
      suggestionId?: string;
      also?: (w: Writes, made: PackVersionSummary) => Promise<void>;
    }): Promise<PackVersionSummary> {
      const head = (await store.head(input.packId)) ?? fail('PACK_NOT_FOUND', `no pack ${input.packId}`);
      const live = (await store.get(input.packId, head.liveVersion))!;
      const doc = input.change(live.document);
      const loaded = await validate(input.packId, doc);
      const made = await store.transaction(async (w) => {
        const locked = await mustHead(w, input.packId);
        if (locked.liveVersion !== head.liveVersion)
          fail('CONFLICT', 'another version went live meanwhile; try again', { live: locked.liveVersion });
        const version = await w.insertVersion({
          packId: input.packId,
          document: doc,
          hash: documentHash(doc),
          source: input.source,
          author: input.author,
          reason: input.reason,
          diff: diffDocuments(live.document, doc),
          basedOn: head.liveVersion,
          suggestionId: input.suggestionId ?? null,
          now: deps.now(),
        });
        await w.setLive(input.packId, version.version, deps.now());
        await input.also?.(w, version);
        return version;
      });
      prepared.set(`${input.packId}@${made.version}`, loaded);
      await announce(input.packId);
      return made;
    },

    /** Makes an earlier (or later) version live again; audited. */
    async rollback(packId: string, version: number, actor: string, reason: string): Promise<void> {
      if (!(await store.get(packId, version)))
        fail('VERSION_NOT_FOUND', `pack ${packId} has no version ${version}`);
      await store.transaction(async (w) => {
        const head = await mustHead(w, packId);
        await w.setLive(packId, version, deps.now());
        if (head.shadowVersion === version) await w.setShadow(packId, null, deps.now());
        await w.audit({
          packId,
          action: 'rollback',
          actor,
          reason,
          details: { from: head.liveVersion, to: version },
          now: deps.now(),
        });
      });
      await announce(packId);
    },

    /** Runs a version in shadow on live traffic (null stops it); audited. */
    async shadow(packId: string, version: number | null, actor: string): Promise<void> {
      if (version !== null && !(await store.get(packId, version)))
        fail('VERSION_NOT_FOUND', `pack ${packId} has no version ${version}`);
      await store.transaction(async (w) => {
        const head = await mustHead(w, packId);
        if (version === head.liveVersion) fail('CONFLICT', `version ${version} is already live`);
        await w.setShadow(packId, version, deps.now());
        await w.audit({
          packId,
          action: 'shadow',
          actor,
          reason: null,
          details: { version, live: head.liveVersion },
          now: deps.now(),
        });
      });
      await announce(packId);
    },

    /**
     * Stores a candidate version without making it live (to run it in shadow first); validated like any other.
     */
    async propose(input: {
      packId: string;
      change: (live: PackDocument) => PackDocument;
      author: string;
      reason: string;
      suggestionId?: string;
    }): Promise<PackVersionSummary> {
      const head = (await store.head(input.packId)) ?? fail('PACK_NOT_FOUND', `no pack ${input.packId}`);
      const live = (await store.get(input.packId, head.liveVersion))!;
      const doc = input.change(live.document);
      const loaded = await validate(input.packId, doc);
      const made = await store.transaction(async (w) => {
        await mustHead(w, input.packId);
        const version = await w.insertVersion({
          packId: input.packId,
          document: doc,
          hash: documentHash(doc),
          source: input.suggestionId ? 'suggestion' : 'edit',
          author: input.author,
          reason: input.reason,
          diff: diffDocuments(live.document, doc),
          basedOn: head.liveVersion,
          suggestionId: input.suggestionId ?? null,
          now: deps.now(),
        });
        await w.setShadow(input.packId, version.version, deps.now());
        await w.audit({
          packId: input.packId,
          action: 'shadow',
          actor: input.author,
          reason: input.reason,
          details: { version: version.version, live: head.liveVersion },
          now: deps.now(),
        });
        return version;
      });
      prepared.set(`${input.packId}@${made.version}`, loaded);
      await announce(input.packId);
      return made;
    },

    /** Listens for versions made on other instances, and checks the heads now and then in case a notice was lost. */
    async watch(pollMs: number): Promise<() => Promise<void>> {
      const unsubscribe = await deps.bus.subscribe(packVersionTopic, () => {
        sync().catch((err: unknown) => log.error({ err }, 'pack version sync failed'));
      });
      const timer =
        pollMs > 0
          ? setInterval(() => {
              sync().catch((err: unknown) => log.error({ err }, 'pack version sync failed'));
            }, pollMs)
          : null;
      timer?.unref();
      return async () => {
        if (timer) clearInterval(timer);
        await unsubscribe();
        await syncing;
      };
    },
  };
}

/** The re-based version's reason: the notice a supervisor reads in the versions list. */
function rebaseReason(file: number, r: Rebased): string {
  const kept = r.applied.length > 0 ? `kept the approved changes of version ${r.applied.join(', ')}` : '';
  const dropped = r.skipped.map((x) => `version ${x.version} no longer fits (${x.why})`).join('; ');
  return `the pack file changed (version ${file}); ${[kept, dropped].filter(Boolean).join('; ')}`;
}
