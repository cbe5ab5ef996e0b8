import { describe, expect, it } from 'vitest';
import type { PackArticle } from '../protocol/pack.ts';
import { createKnowledgeBase } from './knowledge-base.ts';

const articles: PackArticle[] = [
  {
    id: 'shipping',
    title: 'International shipping and customs',
    tags: ['shipping_info'],
    body: 'We ship to Canada, Mexico and the UK. Standard shipping to Canada takes 5 to 8 business days.',
  },
  {
    id: 'returns',
    title: 'Return policy',
    tags: ['returns'],
    body: 'Return unused items within 30 days for a full refund. Worn shoes cannot be returned.',
  },
  {
    id: 'price-match',
    title: 'Price match policy',
    tags: ['price_match'],
    body: 'We match a competitor price within 14 days of purchase.',
  },
  {
    id: 'gift-cards',
    title: 'Gift cards',
    tags: ['payments'],
    body: 'Gift cards never expire and can be used online and in stores.',
  },
];

const kb = createKnowledgeBase(articles);
const threshold = 0.45;

describe('knowledge base', () => {
  it.each([
    ['how long does shipping to Canada take?', 'shipping'],
    ['do you ship internationaly', 'shipping'],
    ['can I return worn shoes', 'returns'],
    ['whats your returns policy', 'returns'],
    ['do you price match?', 'price-match'],
    ['do gift cards expire', 'gift-cards'],
  ])('answers "%s" from %s', (text, id) => {
    const match = kb.search(text);
    expect(match?.id).toBe(id);
    expect(match?.score).toBeGreaterThanOrEqual(threshold);
    expect(match?.score).toBeLessThanOrEqual(1);
  });

  it.each(['what is the weather like in Paris', 'tell me a joke', 'where is my order A1001', 'hello'])(
    'finds nothing good enough for "%s"',
    (text) => {
      const match = kb.search(text);
      expect(match === null || match.score < threshold).toBe(true);
    },
  );

  it('prefers articles tagged with a boosted tag', () => {
    const plain = kb.search('policy');
    const boosted = kb.search('policy', { boostTags: ['price_match'] });
    expect(plain).not.toBeNull();
    expect(boosted?.id).toBe('price-match');
  });

  it('searches only articles with a tag, and lists them', () => {
    expect(kb.search('how long does shipping take', { onlyTags: ['payments'] })).toBeNull();
    expect(kb.search('do gift cards expire', { onlyTags: ['payments'] })?.id).toBe('gift-cards');
    expect(kb.tagged('returns').map((a) => a.id)).toEqual(['returns']);
    expect(kb.tagged('nothing')).toEqual([]);
  });

  it('handles an empty knowledge base and empty text', () => {
    expect(createKnowledgeBase([]).search('anything')).toBeNull();
    expect(kb.search('   ')).toBeNull();
    expect(kb.search('the and of')).toBeNull();
  });
});
