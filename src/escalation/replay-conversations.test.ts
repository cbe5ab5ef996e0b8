import { describe, expect, it } from 'vitest';
import { assessTurn } from './assess-turn.ts';
import { toEscalationPack } from './escalation-pack.ts';
import { makePack, makeTurn } from './fixtures/make-turn.ts';
import { formatReplayReport } from './format-replay-report.ts';
import { replayConversations, type StoredConversation } from './replay-conversations.ts';

const strict = {
  risks: [{ id: 'lending', label: 'Lending', cues: [{ any: ['mortgage*', 'refinanc*'], weight: 0.6 }] }],
  rules: [
    {
      id: 'lending',
      label: 'Lending question',
      when: { signal: 'risk:lending', min: 0.6 },
      impact: 1,
      team: 'loans',
    },
  ],
};
const loose = { base: true };
const customer = { tier: 'standard', attributes: {} };

function stored(id: string, texts: string[], policy: unknown): StoredConversation {
  const pack = toEscalationPack(makePack(policy));
  const turns = texts.map((text, i) => makeTurn(text, { turn: i + 1 }));
  return {
    id,
    customer,
    turns: turns.map((botTurn, i) => ({
      botTurn,
      decision: assessTurn(pack, { turns: turns.slice(0, i + 1), customer, elapsedMinutes: i }),
    })),
  };
}

const conversations = [
  stored('mortgage', ['hello', 'I want to refinance my mortgage'], loose),
  stored('hours', ['what are your hours?'], loose),
  stored('agent', ['agent'], loose),
];

describe('replayConversations', () => {
  it('reports conversations that would now be handed off, with totals', () => {
    const report = replayConversations({ pack: makePack(), before: loose, after: strict, conversations });
    expect(report.conversations).toBe(3);
    expect(report.handoffRateBefore).toBeCloseTo(1 / 3);
    expect(report.handoffRateAfter).toBeCloseTo(2 / 3);
    expect(report.diffs.map((d) => [d.id, d.changes])).toEqual([['mortgage', ['now_handed_off']]]);
    expect(report.diffs[0]?.after).toMatchObject({
      kind: 'handoff',
      turn: 2,
      team: 'loans',
      rule: 'lending',
    });
  });

  it('compares against the stored decisions and finds kept, earlier and re-routed conversations', () => {
    const noBase = { ...strict, base: false, rules: [{ ...strict.rules[0], team: 'l2' }] };
    const report = replayConversations({ pack: makePack(), before: 'stored', after: noBase, conversations });
    expect(report.counts.now_kept).toBe(1);
    expect(report.counts.now_handed_off).toBe(1);
    const early = replayConversations({
      pack: makePack(),
      before: strict,
      after: {
        ...strict,
        risks: [{ ...strict.risks[0], cues: [{ any: ['hello', 'mortgage*'], weight: 0.6 }] }],
      },
      conversations,
    });
    expect(early.diffs.map((d) => [d.id, d.changes])).toEqual([['mortgage', ['earlier']]]);
  });

  it('uses the stored turns only (deterministic) and formats a readable report', () => {
    const input = { pack: makePack(), before: loose, after: strict, conversations };
    expect(replayConversations(input)).toEqual(replayConversations(input));
    const text = formatReplayReport(replayConversations(input));
    expect(text).toMatch(/handoff rate\s+33\.3% -> 66\.7% \(\+33\.3 points\)/);
    expect(text).toMatch(/mortgage: now handed off/);
    expect(text).toMatch(/after: {2}handoff at turn 2 to loans \(normal, rule lending\)/);
    expect(text).toMatch(/now: Hand off to loans/);
  });
});
