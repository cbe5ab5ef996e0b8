/** A change of the live version, read from the audit trail. */
export type LiveChange = { at: string; version: number };

/** How long one version was live: [from, to), `to` null while it still is. */
export type LiveWindow = { version: number; from: string; to: string | null };

/**
 * The periods each version was live, oldest first, from the changes of the live version (a version made live,
 * approved, or rolled back to); a version live twice has two windows. Pure.
 */
export function liveWindows(changes: readonly LiveChange[]): LiveWindow[] {
  const sorted = [...changes].sort((a, b) => a.at.localeCompare(b.at));
  const out: LiveWindow[] = [];
  for (const change of sorted) {
    const last = out.at(-1);
    if (last && last.version === change.version) continue;
    if (last) last.to = change.at;
    out.push({ version: change.version, from: change.at, to: null });
  }
  return out;
}
