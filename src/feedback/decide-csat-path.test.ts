import { describe, expect, it } from 'vitest';
import { decideCsatPath, decideCsatWrite } from './decide-csat-path.ts';

describe('decideCsatPath', () => {
  it.each([
    { botTurns: 3, agentJoined: false, path: 'bot_only' },
    { botTurns: 0, agentJoined: false, path: 'bot_only' },
    { botTurns: 2, agentJoined: true, path: 'bot_then_human' },
    { botTurns: 0, agentJoined: true, path: 'human_only' },
  ])('$botTurns bot turns, agent joined: $agentJoined -> $path', ({ path, ...facts }) => {
    expect(decideCsatPath(facts)).toBe(path);
  });
});

describe('decideCsatWrite', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const hoursAgo = (h: number) => ({ createdAt: new Date(now.getTime() - h * 3600_000) });
  it.each([
    { existing: null, kind: 'create' },
    { existing: hoursAgo(1), kind: 'replace' },
    { existing: hoursAgo(24), kind: 'replace' },
    { existing: hoursAgo(25), kind: 'refuse' },
  ])('$existing -> $kind', ({ existing, kind }) => {
    expect(decideCsatWrite(existing, now).kind).toBe(kind);
  });
});
