import type { DocumentRequestProgress } from '../protocol/timeline.ts';

/** What a documents step asked for (the `documentRequest` a bot reply carries). */
export type RequestedDocument = { kind: string; label: string; needed: number };

/**
 * How much of a document request has arrived, by the flow's own filing rule: a document sent for a kind counts
 * there, one sent without a kind fills the first kind still missing, the rest count nowhere. Documents are taken
 * in the order given (oldest first), so the same files always give the same answer.
 */
export function documentRequestProgress(
  requested: readonly RequestedDocument[],
  sent: readonly { kind: string | null }[],
): DocumentRequestProgress {
  const got = new Map<string, number>();
  for (const doc of sent) {
    const asked =
      requested.find((r) => r.kind === doc.kind) ??
      (doc.kind === null ? requested.find((r) => (got.get(r.kind) ?? 0) < r.needed) : undefined);
    if (asked) got.set(asked.kind, (got.get(asked.kind) ?? 0) + 1);
  }
  const counted = requested.map((r) => ({ ...r, received: Math.min(r.needed, got.get(r.kind) ?? 0) }));
  return {
    needed: counted.reduce((n, r) => n + r.needed, 0),
    received: counted.reduce((n, r) => n + r.received, 0),
    missing: counted
      .filter((r) => r.received < r.needed)
      .map((r) => (r.needed - r.received > 1 ? `${r.label} (${r.needed - r.received})` : r.label)),
  };
}
