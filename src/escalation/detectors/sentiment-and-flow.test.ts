import { describe, expect, it } from 'vitest';
import type { BotTurn } from '../../protocol/bot-turn.ts';
import { createContext } from '../assess-context.ts';
import { toEscalationPack } from '../escalation-pack.ts';
import { makePack, makeTurn, numbered } from '../fixtures/make-turn.ts';
import { detectBotError } from './bot-error.ts';
import type { Detector } from './detector.ts';
import { detectFlowDeadEnd } from './flow-dead-end.ts';
import { detectLowConfidence } from './low-confidence.ts';
import { detectNegativeSentiment } from './negative-sentiment.ts';
import { detectNoProgress } from './no-progress.ts';
import { detectOutOfScope } from './out-of-scope.ts';
import { detectRepetition } from './repetition.ts';

const pack = toEscalationPack(makePack());
const run = (detect: Detector, turns: BotTurn[], elapsedMinutes = 0) =>
  detect(
    createContext(pack, {
      turns: numbered(turns),
      customer: { tier: 'standard', attributes: {} },
      elapsedMinutes,
    }),
  )[0]?.score ?? 0;
const angry = (text: string, score: number, cues: string[] = []) =>
  makeTurn(text, { sentiment: { score, cues } });
const fallback = (text: string) =>
  makeTurn(text, { outOfScope: true, confidence: 0.1, replyKind: 'fallback' });
const flow = (status: 'active' | 'gave_up', failedCycles: number) =>
  makeTurn('still E202', {
    replyKind: 'flow',
    flow: { flow: 'fix_e202', step: 's', failedCycles, maxCycles: 3, status },
  });

describe('negative sentiment', () => {
  it.each([
    ['calm question', [angry('why was I charged an overdraft fee', -0.1)], 0, 0.2],
    ['mild', [angry('that makes no sense', -0.2)], 0, 0.3],
    [
      'shouting, insults',
      [
        angry('why the fee', -0.1),
        angry('THIS IS RIDICULOUS, your bot is useless', -1, ['shouting', 'ridiculous', 'useless']),
      ],
      0.9,
      1,
    ],
    [
      'unacceptable, ignored',
      [angry('this is unacceptable, nobody answers my emails', -0.9, ['unacceptable', 'repeat_contact'])],
      0.6,
      1,
    ],
    ['own lexicon only', [angry('this is absurd and a complete waste of time', 0)], 0.35, 0.5],
  ])('%s', (_name, turns, min, max) => {
    const score = run(detectNegativeSentiment, turns);
    expect(score).toBeGreaterThanOrEqual(min);
    expect(score).toBeLessThanOrEqual(max);
  });

  it('adds a trend bonus when it gets worse', () => {
    const flat = run(detectNegativeSentiment, [angry('ugh', 0), angry('this is useless', -0.6, ['useless'])]);
    const worse = run(detectNegativeSentiment, [
      angry('annoying', -0.6, ['useless']),
      angry('this is useless', -0.6, ['useless', 'insult']),
    ]);
    expect(worse).toBeGreaterThan(flat);
  });
});

describe('flow dead end, out of scope, low confidence, no progress, repetition, bot error', () => {
  it.each<[string, Detector, BotTurn[], number]>([
    [
      'flow gave up',
      detectFlowDeadEnd,
      [flow('active', 0), flow('active', 1), flow('active', 2), flow('gave_up', 3)],
      1,
    ],
    ['flow still trying', detectFlowDeadEnd, [flow('active', 0), flow('active', 2)], 0.2],
    ['one fallback', detectOutOfScope, [fallback('what is the weather')], 1 / 3],
    ['three fallbacks in a row', detectOutOfScope, [fallback('a'), fallback('b'), fallback('c')], 1],
    ['fallback streak broken', detectOutOfScope, [fallback('a'), makeTurn('hours?'), fallback('c')], 1 / 3],
    [
      'out of scope but answered by a flow',
      detectOutOfScope,
      [makeTurn('still E202', { outOfScope: true, replyKind: 'flow' })],
      0,
    ],
    [
      'unsure twice',
      detectLowConfidence,
      [makeTurn('x', { confidence: 0.1 }), makeTurn('y', { confidence: 0.2 })],
      0.5,
    ],
    ['no progress for 3 turns', detectNoProgress, [fallback('a'), fallback('b'), fallback('c')], 1],
    ['no progress but a long wait', detectNoProgress, [fallback('a')], 1],
    ['flow turns are progress', detectNoProgress, [flow('active', 1), flow('active', 2)], 0],
    [
      'customer repeats the question',
      detectRepetition,
      [makeTurn('where is my refund for order A1'), makeTurn('hello? where is my refund for order A1')],
      0.6,
    ],
    [
      'different questions',
      detectRepetition,
      [makeTurn('fees for an international wire'), makeTurn('how long does it take')],
      0,
    ],
    ['repetition inside a flow is expected', detectRepetition, [flow('active', 1), flow('active', 2)], 0],
    ['bot error', detectBotError, [makeTurn('hi', { error: 'classifier crashed' })], 1],
    [
      'tool failed',
      detectBotError,
      [
        makeTurn('order A1', {
          tools: [{ tool: 'order_status', key: 'A1', ok: false, error: 'timeout', ms: 3000 }],
        }),
      ],
      0.8,
    ],
    [
      'tool found nothing (not an error)',
      detectBotError,
      [
        makeTurn('order A9', {
          tools: [{ tool: 'order_status', key: 'A9', ok: false, error: 'not found', ms: 1 }],
        }),
      ],
      0,
    ],
  ])('%s', (_name, detect, turns, expected) => {
    const minutes = _name.includes('long wait') ? 45 : 0;
    expect(run(detect, turns, minutes)).toBeCloseTo(expected, 2);
  });
});
