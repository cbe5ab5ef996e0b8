import { describe, expect, it } from 'vitest';
import { presenceOnConnect } from './presence-on-connect.ts';

describe('presenceOnConnect', () => {
  it.each([
    ['agent', 'offline', 'online'],
    ['agent', 'away', 'away'],
    ['agent', 'online', 'online'],
    ['supervisor', 'offline', 'away'],
    ['admin', 'offline', 'away'],
    ['supervisor', 'away', 'away'],
    ['supervisor', 'online', 'online'],
  ] as const)('%s, %s -> %s', (role, current, expected) => {
    expect(presenceOnConnect(role, current)).toBe(expected);
  });
});
