import { describe, expect, it } from 'vitest';
import { parseAmounts, parseDaysAgo } from './parse-quantities.ts';

describe('parseAmounts', () => {
  it.each([
    ['the repair estimate is $18,000', [18000]],
    ['the damage looks like it could be around 30k', [30000]],
    ['the repair is $180', [180]],
    ['about 5000 dollars', [5000]],
    ['thirty thousand', [30000]],
    ['the roofer quoted 12,500 to replace it', [12500]],
    ['what is the status of my claim CL-2231?', []],
    ['order A1234 and error E202', []],
    ['with a 680 credit score', []],
    ['the shop says probably $7-8k to fix', [7, 7000, 8000]],
    ['somewhere between 15 and 20 thousand', [20000, 15000, 20000]],
  ])('"%s" -> %j', (text, expected) => {
    expect(parseAmounts(text)).toEqual(expected);
  });
});

describe('parseDaysAgo', () => {
  it.each([
    ['I bought them from you 5 days ago', 5],
    ['I bought a lamp two months ago', 60],
    ['ordered it yesterday', 1],
    ['last week', 7],
    ['a couple of weeks ago', 14],
    ['do you price match?', null],
  ])('"%s" -> %s', (text, expected) => {
    expect(parseDaysAgo(text)).toBe(expected);
  });
});
