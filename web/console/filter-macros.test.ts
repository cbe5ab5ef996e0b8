import { describe, expect, it } from 'vitest';
import type { Macro } from './api-client.ts';
import { filterMacros, insertText, opensMacroPicker } from './filter-macros.ts';

const macro = (title: string, text: string): Macro => ({ id: title, title, text, team: null });
const macros = [
  macro('Closing', 'Is there anything else I can help you with today?'),
  macro('Greeting', "Hi, thanks for your patience. I've read through your conversation."),
  macro('Refinance quote', 'I can prepare a personal refinance quote for you.'),
  macro('Verify identity', 'Could you confirm the last four digits of the card?'),
];
const titles = (q: string) => filterMacros(macros, q).map((m) => m.title);

describe('filterMacros', () => {
  it('keeps every macro, in order, for an empty query', () => {
    expect(titles('  ')).toEqual(['Closing', 'Greeting', 'Refinance quote', 'Verify identity']);
  });
  it('ranks title prefixes, then title words, then text matches', () => {
    expect(titles('re')).toEqual(['Refinance quote', 'Greeting', 'Closing']);
    expect(titles('quote')).toEqual(['Refinance quote']);
    expect(titles('card')).toEqual(['Verify identity']);
  });
  it('needs every word, case-insensitively', () => {
    expect(titles('PERSONAL quote')).toEqual(['Refinance quote']);
    expect(titles('greeting card')).toEqual([]);
  });
});

describe('opensMacroPicker', () => {
  it('opens at the start of the box or of a line only', () => {
    expect(opensMacroPicker('', 0)).toBe(true);
    expect(opensMacroPicker('hello\n', 6)).toBe(true);
    expect(opensMacroPicker('and', 3)).toBe(false);
    expect(opensMacroPicker('a ', 2)).toBe(false);
  });
});

describe('insertText', () => {
  it('replaces the selection and puts the caret after the insert', () => {
    expect(insertText('Hello world', 6, 11, 'there')).toEqual({ text: 'Hello there', caret: 11 });
    expect(insertText('', 0, 0, 'Hi')).toEqual({ text: 'Hi', caret: 2 });
    expect(insertText('ab', 5, 9, 'c')).toEqual({ text: 'abc', caret: 3 });
  });
});
