import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../protocol/timeline.ts';
import { findOpenCase } from './find-open-case.ts';
import { appointmentEntry, conversationEntry, documentEntry, ticketEntry } from './timeline.fixture.ts';

const now = new Date('2026-03-09T12:00:00Z');
const old = { at: '2026-01-01T10:00:00Z', lastActivityAt: '2026-01-01T11:00:00Z' };

describe('findOpenCase', () => {
  it.each<{ name: string; entries: TimelineEntry[]; caseId: string | null }>([
    { name: 'no history starts cold', entries: [], caseId: null },
    { name: 'an old, resolved conversation starts cold', entries: [conversationEntry(old)], caseId: null },
    {
      name: 'a conversation active within a week continues',
      entries: [conversationEntry({ lastActivityAt: '2026-03-03T10:00:00Z' })],
      caseId: 'conv-1',
    },
    {
      name: 'a closed conversation does not',
      entries: [conversationEntry({ state: 'closed', lastActivityAt: '2026-03-08T10:00:00Z' })],
      caseId: null,
    },
    {
      name: 'an old conversation still with a person continues',
      entries: [conversationEntry({ ...old, state: 'assigned' })],
      caseId: 'conv-1',
    },
    {
      name: 'an open ticket keeps an old case open',
      entries: [conversationEntry({ ...old, caseId: 'case-a' }), ticketEntry({ ...old, caseId: 'case-a' })],
      caseId: 'case-a',
    },
    {
      name: 'a closed ticket does not',
      entries: [ticketEntry({ ...old, status: 'closed' })],
      caseId: null,
    },
    {
      name: 'an appointment to come keeps the case open',
      entries: [appointmentEntry({ at: '2026-01-02T10:00:00Z', caseId: 'case-b' })],
      caseId: 'case-b',
    },
    {
      name: 'a past or cancelled appointment does not',
      entries: [
        appointmentEntry({ ...old, startsAt: '2026-03-01T10:00:00Z', endsAt: '2026-03-01T10:30:00Z' }),
        appointmentEntry({ ...old, status: 'cancelled' }),
      ],
      caseId: null,
    },
    {
      name: 'the newest open case wins',
      entries: [
        conversationEntry({
          caseId: 'older',
          at: '2026-03-02T10:00:00Z',
          lastActivityAt: '2026-03-02T10:00:00Z',
        }),
        conversationEntry({
          caseId: 'newer',
          at: '2026-03-05T10:00:00Z',
          lastActivityAt: '2026-03-05T10:00:00Z',
        }),
      ],
      caseId: 'newer',
    },
  ])('$name', ({ entries, caseId }) => {
    expect(findOpenCase(entries, now)?.caseId ?? null).toBe(caseId);
  });

  it('names the topic of the case it continues', () => {
    const found = findOpenCase(
      [conversationEntry({ ...old, caseId: 'c' }), ticketEntry({ at: '2026-03-01T00:00:00Z', caseId: 'c' })],
      now,
    );
    expect(found).toEqual({ caseId: 'c', reason: 'an open callback ticket', topic: 'Mortgage advice' });
  });

  it('keeps no case open for a document alone', () => {
    expect(
      findOpenCase([conversationEntry({ ...old }), documentEntry({ at: '2026-03-08T00:00:00Z' })], now),
    ).toBe(null);
  });
});
