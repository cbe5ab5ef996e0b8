import { describe, expect, it } from 'vitest';
import { createContext } from '../assess-context.ts';
import { assessTurn } from '../assess-turn.ts';
import { toEscalationPack } from '../escalation-pack.ts';
import { makePack, makeTurn, numbered } from '../fixtures/make-turn.ts';
import { detectVocalCues } from './vocal-cues.ts';

const pack = toEscalationPack(makePack());
const conversation = (texts: string[], channel: string) => ({
  turns: numbered(texts.map((t) => makeTurn(t))),
  customer: { tier: 'standard', attributes: {} },
  elapsedMinutes: 1,
  channel,
});
const run = (texts: string[], channel = 'voice') =>
  detectVocalCues(createContext(pack, conversation(texts, channel)))[0];

describe('detectVocalCues', () => {
  it.each([
    { text: 'I want to check my balance', score: undefined },
    { text: '[crying] I just want to know where my money went', score: 0.7 },
    { text: '[raised voice] where is my money', score: 0.6 },
    { text: '(Shouting) where is it [sobbing]', score: 0.9 },
    { text: '[long pause] ok', score: undefined },
    { text: '[laughs] that is fine', score: undefined },
    { text: '[not crying] fine', score: undefined },
  ])('$text -> $score', ({ text, score }) => {
    expect(run([text])?.score).toBe(score);
  });

  it('reads the marks only on a spoken channel: typed brackets in a web chat are words', () => {
    expect(run(['[crying] where is my money'], 'web')).toBeUndefined();
    expect(run(['[crying] where is my money'], 'phone')?.evidence).toEqual(['[crying] (distress)']);
  });

  it('rises when the caller was already upset on the turn before', () => {
    expect(run(['[sighs heavily] hello', '[raised voice] still nothing'])).toMatchObject({ score: 0.6 });
    expect(run(['[sniffling] hello', '[raised voice] still nothing'])).toMatchObject({
      score: 0.75,
      evidence: ['[raised voice] (anger)', 'cues on the turn before too'],
    });
  });

  it('makes the policy offer or hand over on a voice transcript where the words alone would not', () => {
    const words = 'I would like to know about my mortgage payment';
    const calm = assessTurn(pack, conversation([words], 'voice'));
    const crying = assessTurn(pack, conversation([`[crying] ${words} [sobbing]`], 'voice'));
    const typed = assessTurn(pack, conversation([`[crying] ${words} [sobbing]`], 'web'));
    expect(calm.kind).toBe('stay');
    expect(typed.kind).toBe('stay');
    expect(crying.kind).toBe('handoff');
    expect(crying.kind !== 'stay' && crying.rule).toBe('vocal_distress');
  });
});
