import { describe, expect, it } from 'vitest';
import { conversationEntry, documentEntry, ticketEntry } from '../../src/channels/timeline.fixture.ts';
import { formatTimeline } from './format-timeline.ts';

describe('formatTimeline', () => {
  it('lists newest first and marks the open conversation and its case', () => {
    const rows = formatTimeline(
      [
        conversationEntry({ conversationId: 'a', caseId: 'a' }),
        ticketEntry({ conversationId: 'a', caseId: 'a', at: '2026-03-01T12:00:00Z' }),
        conversationEntry({
          conversationId: 'b',
          caseId: 'a',
          at: '2026-03-02T10:00:00Z',
          channel: 'voice',
          topic: null,
          agentName: null,
          team: null,
          teamName: null,
          state: 'bot',
        }),
        conversationEntry({ conversationId: 'z', caseId: 'z', at: '2026-01-01T00:00:00Z' }),
      ],
      { id: 'b', caseId: 'a' },
    );
    expect(rows.map((r) => [r.title, r.detail, r.here])).toEqual([
      ['Phone call', 'with the assistant · bot', 'this'],
      ['Callback request', 'lending · open', 'case'],
      ['Web chat · Mortgage advice', 'with Dana (Lending) · resolved', 'case'],
      ['Web chat · Mortgage advice', 'with Dana (Lending) · resolved', null],
    ]);
  });

  it('shows each document with its kind, channel and how much of the request has arrived', () => {
    const rows = formatTimeline(
      [
        documentEntry({ request: { needed: 4, received: 3, missing: ['photo ID'] } }),
        documentEntry({
          documentId: 'doc-2',
          name: 'scan.png',
          mediaType: 'image/png',
          documentKind: null,
          channel: 'email',
          at: '2026-03-02T00:00:00Z',
        }),
      ],
      { id: 'conv-1', caseId: 'conv-1' },
    );
    expect(rows.map((r) => [r.key, r.title, r.detail, r.here])).toEqual([
      ['document:doc-2', 'Document · scan.png', 'image/png · Email', 'case'],
      ['document:doc-1', 'Document · payslip-feb.pdf', 'payslip · Web chat · 3 of 4 received', 'case'],
    ]);
  });
});
