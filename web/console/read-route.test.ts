import { describe, expect, it } from 'vitest';
import { readRoute, routeHash } from './read-route.ts';

describe('readRoute and routeHash', () => {
  it.each([
    ['#/c/conv_1', { view: 'conversations', id: 'conv_1' }],
    ['#/c/a%2Fb', { view: 'conversations', id: 'a/b' }],
    ['#/tickets', { view: 'tickets' }],
    ['#/dashboard', { view: 'dashboard' }],
    ['#/improve', { view: 'improve' }],
    ['#/improve/bank', { view: 'improve', pack: 'bank' }],
    ['#/settings', { view: 'settings', section: 'teams' }],
    ['#/settings/audit', { view: 'settings', section: 'audit' }],
    ['#/settings/nope', { view: 'settings', section: 'teams' }],
    ['', { view: 'conversations', id: null }],
    ['#/c/%E0%A4%A', { view: 'conversations', id: null }],
  ] as const)('%s', (hash, route) => {
    expect(readRoute(hash)).toEqual(route);
  });

  it('round-trips', () => {
    for (const hash of [
      '#/c/a%2Fb',
      '#/tickets',
      '#/dashboard',
      '#/improve',
      '#/improve/bank',
      '#/settings/webhooks',
      '',
    ])
      expect(routeHash(readRoute(hash))).toBe(hash);
  });
});
