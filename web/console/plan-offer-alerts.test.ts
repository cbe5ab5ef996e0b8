import { describe, expect, it } from 'vitest';
import type { Offer } from '../../src/protocol/ws.ts';
import { type AlertPrefs, badgeTitle, describeOfferNotice, planOfferAlerts } from './plan-offer-alerts.ts';

const offer = (id: string, team: string | null = 'support'): Offer => ({
  id,
  conversationId: `c-${id}`,
  team,
  priority: 'high',
  mode: 'offer',
  expiresAt: '2026-11-23T15:00:30Z',
  reason: 'Asked for a person',
  pack: 'bank',
});
const all: AlertPrefs = { sound: true, notification: true, titleBadge: true };
const none: AlertPrefs = { sound: false, notification: false, titleBadge: false };

describe('planOfferAlerts', () => {
  it.each([
    ['a new offer, everything on', [], ['a'], all, true, ['a'], true, ['a']],
    ['an offer already seen', ['a'], ['a'], all, true, [], false, []],
    ['one new beside one seen', ['a'], ['a', 'b'], all, true, ['b'], true, ['b']],
    ['no permission for notifications', [], ['a'], all, false, ['a'], true, []],
    ['everything switched off', [], ['a'], none, true, ['a'], false, []],
    ['only the sound off', [], ['a'], { ...all, sound: false }, true, ['a'], false, ['a']],
    ['an offer gone', ['a'], [], all, true, [], false, []],
  ] as const)('%s', (_name, seen, ids, prefs, granted, fresh, sound, notify) => {
    const plan = planOfferAlerts(
      new Set(seen),
      ids.map((id) => offer(id)),
      prefs,
      granted,
    );
    expect(plan.fresh.map((o) => o.id)).toEqual(fresh);
    expect(plan.playSound).toBe(sound);
    expect(plan.notify.map((o) => o.id)).toEqual(notify);
  });
});

describe('badgeTitle', () => {
  it('counts the waiting offers in front of the title when the badge is on', () => {
    expect(badgeTitle('Baton console', 2, all)).toBe('(2) Baton console');
    expect(badgeTitle('Baton console', 0, all)).toBe('Baton console');
    expect(badgeTitle('Baton console', 2, { ...all, titleBadge: false })).toBe('Baton console');
  });
});

describe('describeOfferNotice', () => {
  it('names the priority, the reason and the team', () => {
    expect(describeOfferNotice(offer('a'))).toEqual({
      title: 'New conversation for you (high)',
      body: 'Asked for a person · support',
    });
    expect(describeOfferNotice(offer('a', null)).body).toBe('Asked for a person');
  });
});
