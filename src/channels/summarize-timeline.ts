import type { DocumentEntry, TimelineEntry } from '../protocol/timeline.ts';

const dayMs = 24 * 3600 * 1000;

/** How long ago `at` was, as a person says it: today, yesterday, 3 days ago, last week, 3 weeks ago, on 2026-01-04. */
export function describeWhen(at: Date, now: Date): string {
  const days = Math.floor((startOfDay(now) - startOfDay(at)) / dayMs);
  if (days < 0) return `on ${at.toISOString().slice(0, 10)}`;
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  if (days < 14) return 'last week';
  if (days < 60) return `${Math.floor(days / 7)} weeks ago`;
  return `on ${at.toISOString().slice(0, 10)}`;
}

/** When an appointment is: weekday, date and time in UTC (the console shows it in the reader's zone). */
function describeSlot(startsAt: string): string {
  return `${startsAt.slice(0, 10)} ${startsAt.slice(11, 16)} UTC`;
}

/** One line for one entry, e.g. "last week: Mortgage advice with Dana (Lending), web". */
export function describeEntry(entry: TimelineEntry, now: Date): string {
  const when = describeWhen(new Date(entry.at), now);
  switch (entry.kind) {
    case 'conversation': {
      const what = entry.topic ?? 'a conversation';
      const who = entry.agentName ? ` with ${entry.agentName}` : entry.team ? '' : ' with the assistant';
      const team = entry.teamName ? ` (${entry.teamName})` : '';
      const open = entry.state === 'queued' || entry.state === 'assigned' ? ', still open' : '';
      return `${when}: ${what}${who}${team}, ${entry.channel}${open}`;
    }
    case 'ticket':
      return `${when}: left a ${entry.ticketKind === 'callback' ? 'callback request' : 'message'}${entry.team ? ` for ${entry.team}` : ''} (${entry.status})`;
    case 'appointment':
      return entry.status === 'cancelled'
        ? `${when}: appointment with ${entry.teamName} on ${describeSlot(entry.startsAt)} (cancelled)`
        : `${when}: booked an appointment with ${entry.teamName} on ${describeSlot(entry.startsAt)}${entry.location ? ` at ${entry.location}` : ''}`;
    case 'document':
      return describeDocuments([entry], now);
  }
}

/**
 * One line for the documents of a case (newest first): "today: documents received: 3 of 4 (still missing: photo
 * ID)" against the case's request, else "yesterday: 2 documents received (payslip.pdf, id.png)".
 */
export function describeDocuments(documents: readonly DocumentEntry[], now: Date): string {
  const newest = documents[0]!;
  const when = describeWhen(new Date(newest.at), now);
  const request = newest.request;
  if (request) {
    const missing = request.missing.length > 0 ? ` (still missing: ${request.missing.join(', ')})` : '';
    return `${when}: documents received: ${request.received} of ${request.needed}${missing}`;
  }
  const names = documents.map((d) => d.name).join(', ');
  return `${when}: ${documents.length === 1 ? 'document' : `${documents.length} documents`} received (${names})`;
}

/**
 * The lines an agent reads first about a customer's past, newest first: the entries other than the conversation
 * being handed over, at most `limit` of them.
 */
export function summarizeTimeline(
  entries: readonly TimelineEntry[],
  now: Date,
  options: { exceptConversationId?: string; limit?: number } = {},
): string[] {
  const newestFirst = [...entries]
    .filter((e) => !(e.kind === 'conversation' && e.conversationId === options.exceptConversationId))
    .sort((a, b) => b.at.localeCompare(a.at));
  // The documents of a case are one line, where the newest of them arrived.
  const documentsOf = new Map<string, DocumentEntry[]>();
  for (const e of newestFirst)
    if (e.kind === 'document') documentsOf.set(e.caseId, [...(documentsOf.get(e.caseId) ?? []), e]);
  return newestFirst
    .filter((e) => e.kind !== 'document' || documentsOf.get(e.caseId)?.[0] === e)
    .slice(0, options.limit ?? 5)
    .map((e) =>
      e.kind === 'document' ? describeDocuments(documentsOf.get(e.caseId)!, now) : describeEntry(e, now),
    );
}

function startOfDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
