import { describe, expect, it } from 'vitest';
import { describeWhen, summarizeTimeline } from './summarize-timeline.ts';
import { appointmentEntry, conversationEntry, documentEntry, ticketEntry } from './timeline.fixture.ts';

const now = new Date('2026-03-09T12:00:00Z');

describe('describeWhen', () => {
  it.each([
    ['2026-03-09T01:00:00Z', 'today'],
    ['2026-03-08T23:00:00Z', 'yesterday'],
    ['2026-03-05T10:00:00Z', '4 days ago'],
    ['2026-03-01T10:00:00Z', 'last week'],
    ['2026-02-10T10:00:00Z', '3 weeks ago'],
    ['2025-12-01T10:00:00Z', 'on 2025-12-01'],
    ['2026-03-12T10:00:00Z', 'on 2026-03-12'],
  ])('%s is %s', (at, text) => {
    expect(describeWhen(new Date(at), now)).toBe(text);
  });
});

describe('summarizeTimeline', () => {
  it('says what happened, newest first, without the conversation being handed over', () => {
    const lines = summarizeTimeline(
      [
        conversationEntry(),
        ticketEntry(),
        appointmentEntry(),
        conversationEntry({
          conversationId: 'conv-now',
          at: '2026-03-09T11:00:00Z',
          topic: null,
          agentName: null,
        }),
        conversationEntry({
          conversationId: 'conv-0',
          at: '2026-02-01T09:00:00Z',
          topic: null,
          agentName: null,
          team: null,
          teamName: null,
          channel: 'voice',
        }),
      ],
      now,
      { exceptConversationId: 'conv-now' },
    );
    expect(lines).toEqual([
      'last week: booked an appointment with Main Street branch on 2026-03-12 14:00 UTC at 1 Main Street',
      'last week: left a callback request for lending (open)',
      'last week: Mortgage advice with Dana (Lending), web',
      '5 weeks ago: a conversation with the assistant, voice',
    ]);
  });

  it('keeps the newest few', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      conversationEntry({ conversationId: `c${i}`, at: `2026-03-0${i + 1}T10:00:00Z` }),
    );
    expect(summarizeTimeline(many, now, { limit: 2 })).toHaveLength(2);
    expect(summarizeTimeline(many, now, { limit: 2 })[0]).toMatch(/^yesterday/);
  });

  it('says the documents of a case in one line, against what the bot asked for', () => {
    const request = { needed: 4, received: 3, missing: ['photo ID'] };
    const lines = summarizeTimeline(
      [
        conversationEntry(),
        documentEntry({ request }),
        documentEntry({ documentId: 'doc-2', at: '2026-03-08T09:00:00Z', name: 'payslip-mar.pdf', request }),
        documentEntry({ documentId: 'doc-3', at: '2026-03-01T10:11:00Z', name: 'scan.png', request }),
        documentEntry({
          documentId: 'doc-9',
          conversationId: 'conv-9',
          caseId: 'conv-9',
          at: '2026-03-09T08:00:00Z',
        }),
      ],
      now,
    );
    expect(lines).toEqual([
      'today: document received (payslip-feb.pdf)',
      'yesterday: documents received: 3 of 4 (still missing: photo ID)',
      'last week: Mortgage advice with Dana (Lending), web',
    ]);
    expect(
      summarizeTimeline([documentEntry({ request: { needed: 4, received: 4, missing: [] } })], now),
    ).toEqual(['last week: documents received: 4 of 4']);
    expect(
      summarizeTimeline([documentEntry(), documentEntry({ documentId: 'doc-2', name: 'id.png' })], now),
    ).toEqual(['last week: 2 documents received (payslip-feb.pdf, id.png)']);
  });
});
