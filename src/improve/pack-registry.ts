import type { LoadedPack } from '../bot/load-packs.ts';

/** A prepared pack version. */
export type PackVersionRef = { version: number; loaded: LoadedPack };

/**
 * The packs the bot and the policy run on, by id, swapped whole when a new version goes live (one map
 * assignment, so a turn sees the old pack or the new one, never a mix); plus the versions running in shadow.
 */
export type PackRegistry = {
  /** The map the bot responder reads its packs from (the same object, always current). */
  readonly packs: ReadonlyMap<string, LoadedPack>;
  version: (id: string) => number | null;
  /** Makes a prepared version live. */
  swap: (id: string, ref: PackVersionRef) => void;
  /** The versions running in shadow, by pack id (what the shadow bot responder reads). */
  readonly shadowPacks: ReadonlyMap<string, LoadedPack>;
  shadow: (id: string) => PackVersionRef | null;
  setShadow: (id: string, ref: PackVersionRef | null) => void;
};

/** Builds the registry over the packs loaded at start (version unknown until the version store says). */
export function createPackRegistry(packs: Map<string, LoadedPack>): PackRegistry {
  const versions = new Map<string, number>();
  const shadows = new Map<string, PackVersionRef>();
  const shadowPacks = new Map<string, LoadedPack>();
  return {
    packs,
    shadowPacks,
    version: (id) => versions.get(id) ?? null,
    swap: (id, ref) => {
      packs.set(id, ref.loaded);
      versions.set(id, ref.version);
    },
    shadow: (id) => shadows.get(id) ?? null,
    setShadow: (id, ref) => {
      if (ref) {
        shadows.set(id, ref);
        shadowPacks.set(id, ref.loaded);
      } else {
        shadows.delete(id);
        shadowPacks.delete(id);
      }
    },
  };
}
