import type { TimelineEntry } from '../../src/protocol/timeline.ts';

/** One row of the customer's timeline as the console shows it. */
export type TimelineRow = {
  key: string;
  /** What it was, in a few words: "Web chat · Mortgage advice". */
  title: string;
  /** Who and how it ended: "with Dana (Lending) · resolved". */
  detail: string;
  at: string;
  /** Part of the conversation open in the workspace, or of its case. */
  here: 'this' | 'case' | null;
};

const channelNames: Record<string, string> = {
  web: 'Web chat',
  widget: 'Web chat',
  voice: 'Phone call',
  email: 'Email',
  sms: 'SMS',
};

/** The rows of a timeline, newest first, marking the open conversation and the rest of its case. */
export function formatTimeline(
  entries: readonly TimelineEntry[],
  open: { id: string; caseId: string },
): TimelineRow[] {
  return [...entries]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((e) => {
      const here =
        e.conversationId === open.id && e.kind === 'conversation'
          ? 'this'
          : e.caseId === open.caseId
            ? 'case'
            : null;
      return { key: keyOf(e), here, at: e.at, ...describe(e) };
    });
}

function keyOf(e: TimelineEntry): string {
  if (e.kind === 'ticket') return `ticket:${e.ticketId}`;
  if (e.kind === 'appointment') return `appointment:${e.appointmentId}`;
  if (e.kind === 'document') return `document:${e.documentId}`;
  return `conversation:${e.conversationId}`;
}

function describe(e: TimelineEntry): { title: string; detail: string } {
  switch (e.kind) {
    case 'conversation': {
      const channel = channelNames[e.channel] ?? e.channel;
      const who = e.agentName
        ? `with ${e.agentName}`
        : e.team
          ? 'waiting for a person'
          : 'with the assistant';
      return {
        title: e.topic ? `${channel} · ${e.topic}` : channel,
        detail: `${who}${e.teamName ? ` (${e.teamName})` : ''} · ${e.state}`,
      };
    }
    case 'ticket':
      return {
        title: e.ticketKind === 'callback' ? 'Callback request' : 'Message left',
        detail: `${e.team ?? 'any team'} · ${e.status}`,
      };
    case 'appointment':
      return {
        title: `Appointment · ${e.teamName}`,
        detail: `${new Date(e.startsAt).toLocaleString()}${e.location ? ` · ${e.location}` : ''} · ${e.status}`,
      };
    case 'document':
      return {
        title: `Document · ${e.name}`,
        detail: `${e.documentKind ?? e.mediaType} · ${channelNames[e.channel] ?? e.channel}${
          e.request ? ` · ${e.request.received} of ${e.request.needed} received` : ''
        }`,
      };
  }
}
