import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { typingThrottleMs } from '../../src/protocol/typing.ts';
import { TypingSignal } from './typing-signal.ts';

describe('TypingSignal', () => {
  let sent: boolean[];
  let signal: TypingSignal;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    signal = new TypingSignal((typing) => sent.push(typing));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says typing once at the first key, again only after the throttle, and stopped when the draft empties', () => {
    signal.input('h');
    signal.input('he');
    signal.input('hel');
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(typingThrottleMs);
    signal.input('hell');
    expect(sent).toEqual([true, true]);
    signal.input('');
    signal.input('   ');
    expect(sent).toEqual([true, true, false]);
  });

  it('counts a typist who goes quiet as stopped, once', () => {
    signal.input('hello');
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
    signal.stop();
    expect(sent).toEqual([true, false]);
  });

  it('says nothing when stopping without having typed', () => {
    signal.stop();
    signal.input('');
    expect(sent).toEqual([]);
  });
});
