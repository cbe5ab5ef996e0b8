import { describe, expect, it } from 'vitest';
import { displayText, parseForDisplay } from './display-text.ts';

describe('displayText', () => {
  it.each([
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['embeddings and the pop', '\u202Aa\u202Bb\u202Cc\u202Dd', 'abcd'],
    ['isolates', '\u2066x\u2067y\u2068z\u2069', 'xyz'],
    ['marks', 'a\u200Eb\u200Fc\u061Cd', 'abcd'],
    ['plain text', 'my card is [card ****1111]', 'my card is [card ****1111]'],
    ['right-to-left letters themselves', 'שלום مرحبا', 'שלום مرحبا'],
    ['other invisible characters than bidi controls', 'a\u200Bb\u00ADc', 'a\u200Bb\u00ADc'],
  ])('removes %s', (_name, text, out) => {
    expect(displayText(text)).toBe(out);
  });
});

describe('parseForDisplay', () => {
  it('neutralises every string of a server answer, keys included, and keeps the rest', () => {
    const json = JSON.stringify({
      customer: { name: 'Ana\u202E', attributes: { 'plan\u2066': 'gold\u2069' } },
      messages: [{ seq: 1, text: 'refund\u202Edne', internal: false, metadata: null }],
    });
    expect(parseForDisplay(json)).toEqual({
      customer: { name: 'Ana', attributes: { plan: 'gold' } },
      messages: [{ seq: 1, text: 'refunddne', internal: false, metadata: null }],
    });
  });
});
