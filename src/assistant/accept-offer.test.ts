import { describe, expect, it } from 'vitest';
import { anEscalation, aStay } from '../protocol/turn.fixture.ts';
import { acceptOffer } from './accept-offer.ts';
import { localeWords } from './locale-words.ts';

const offer = anEscalation({ kind: 'offer', team: 'claims', reasons: ['The customer sounds frustrated.'] });
const english = localeWords('en-US');

describe('acceptOffer', () => {
  it.each([
    ['yes', true],
    ['  Yes please', true],
    ['okay', true],
    ['ok, go on', true],
    ['please do', true],
    ["I'd like that", true],
    ['That would be great, thanks', true],
    ['y', true],
    ['no thanks', false],
    ['yesterday my card was stolen', false],
    ['maybe later', false],
    ['you said yes?', false],
  ])('%j after an offer accepts it: %s', (text, accepted) => {
    expect(acceptOffer(offer, text, english) !== null).toBe(accepted);
  });

  it('turns the offer into a handoff that keeps its team, rule and reasons', () => {
    expect(acceptOffer(offer, 'yes', english)).toEqual({
      ...offer,
      kind: 'handoff',
      reasons: ['The customer sounds frustrated.', 'The customer accepted the offer of a person.'],
    });
  });

  it.each([
    ['no previous turn', undefined],
    ['a previous stay', aStay()],
    ['a previous handoff', anEscalation()],
  ])('a "yes" accepts nothing after %s', (_name, previous) => {
    expect(acceptOffer(previous, 'yes', english)).toBeNull();
  });
});

describe('localeWords', () => {
  it('reads a region tag by its language and falls back to English', () => {
    expect(localeWords('en-GB').acceptOffer).toContain('yes');
    expect(localeWords('xx').handoffReassurance).toBe(localeWords('en').handoffReassurance);
  });
});
