import { describe, expect, it } from 'vitest';
import { findCompetitor } from './find-competitor.ts';

describe('findCompetitor', () => {
  it.each([
    ['BestMart now sells them for $40 less', 'BestMart'],
    ['I saw it cheaper at Shopwise yesterday', 'Shopwise'],
    ['the same jacket is listed on GearHub for less', 'GearHub'],
    ['Target has the desk for less', 'Target'],
    ['I bought the Aurora X2 headphones from you 5 days ago', null],
    ['I bought a lamp from you two months ago, can you price match it?', null],
    ['do you price match?', null],
    ['I saw it on Black Friday', null],
    ['I ordered it on Monday', null],
  ])('"%s" -> %s', (text, expected) => {
    expect(findCompetitor(text)).toBe(expected);
  });
});
