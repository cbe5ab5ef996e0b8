import type { TimelineEntry } from '../protocol/timeline.ts';

/** How long after its last activity a conversation's case is still open to continue. */
export const caseOpenDays = 7;

/** Why a case is still open, for the note the agent reads. */
export type OpenCase = { caseId: string; reason: string; topic: string | null };

/**
 * The case a new conversation from this customer continues, or null to start cold: the newest case with an open
 * ticket, an appointment still to come, a conversation waiting for or with a person, or one active in the last
 * `caseOpenDays` days and not closed.
 */
export function findOpenCase(entries: readonly TimelineEntry[], now: Date): OpenCase | null {
  const recent = now.getTime() - caseOpenDays * 24 * 3600 * 1000;
  const open = (e: TimelineEntry): string | null => {
    switch (e.kind) {
      case 'conversation':
        if (e.state === 'queued' || e.state === 'assigned') return 'a conversation still with a person';
        return e.state !== 'closed' && Date.parse(e.lastActivityAt) >= recent
          ? `a conversation active on ${e.lastActivityAt.slice(0, 10)}`
          : null;
      case 'ticket':
        return e.status === 'open' ? `an open ${e.ticketKind} ticket` : null;
      case 'appointment':
        return e.status === 'booked' && Date.parse(e.endsAt) >= now.getTime()
          ? `an appointment on ${e.startsAt.slice(0, 10)}`
          : null;
      case 'document':
        // A file keeps nothing open by itself: the conversation it came with does.
        return null;
    }
  };
  const newestFirst = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  for (const entry of newestFirst) {
    const reason = open(entry);
    if (!reason) continue;
    const topic =
      newestFirst.find(
        (e): e is Extract<TimelineEntry, { kind: 'conversation' }> =>
          e.kind === 'conversation' && e.caseId === entry.caseId && e.topic !== null,
      )?.topic ?? null;
    return { caseId: entry.caseId, reason, topic };
  }
  return null;
}
