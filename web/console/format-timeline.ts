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
      const key = `${e.kind}:${e.kind === 'ticket' ? e.ticketId : e.kind === 'appointment' ? e.appointmentId : e.conversationId}`;
      switch (e.kind) {
        case 'conversation': {
          const channel = channelNames[e.channel] ?? e.channel;
          const who = e.agentName
            ? `with ${e.agentName}`
            : e.team
              ? 'waiting for a person'
              : 'with the assistant';
          return {
            key,
            here,
            at: e.at,
            title: e.topic ? `${channel} · ${e.topic}` : channel,
            detail: `${who}${e.teamName ? ` (${e.teamName})` : ''} · ${e.state}`,
          };
        }
        case 'ticket':
          return {
            key,
            here,
            at: e.at,
            title: e.ticketKind === 'callback' ? 'Callback request' : 'Message left',
            detail: `${e.team ?? 'any team'} · ${e.status}`,
          };
        case 'appointment':
          return {
            key,
            here,
            at: e.at,
            title: `Appointment · ${e.teamName}`,
            detail: `${new Date(e.startsAt).toLocaleString()}${e.location ? ` · ${e.location}` : ''} · ${e.status}`,
          };
      }
    });
}
