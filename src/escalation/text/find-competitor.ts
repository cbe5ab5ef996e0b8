/** Finds a store or brand name the customer says sells something ("BestMart now sells them", "at Shopwise"). */

const BEFORE = new Set(['at', 'from', 'on', 'via', 'by', 'over', 'than']);
const AFTER = new Set([
  'sells',
  'sell',
  'selling',
  'sold',
  'has',
  'have',
  'had',
  'lists',
  'listed',
  'listing',
  'offers',
  'offered',
  'offering',
  'charges',
  'charge',
  'price',
  'prices',
  'priced',
  'carries',
]);
const SKIP = new Set(['now', 'currently', 'also', 'just', 'already', 'actually']);
const NOT_NAMES = new Set([
  'i',
  'im',
  'ive',
  'id',
  'the',
  'a',
  'an',
  'my',
  'your',
  'you',
  'it',
  'this',
  'that',
  'they',
  'we',
  'hi',
  'hello',
  'hey',
  'thanks',
  'please',
  'ok',
  'okay',
  'black',
  'cyber',
  'prime',
  'christmas',
  'easter',
  'thanksgiving',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'usd',
  'eur',
  'gbp',
]);
const STORE_LIKE = /(mart|store|shop|depot|outlet|\.com|direct|warehouse|market|electronics)$/i;
const NAME = /^[A-Z][\w&'.-]*$/;

/** The name, or null. A capitalised word counts when a shop-like word follows or precedes it. */
export function findCompetitor(text: string): string | null {
  const tokens = text.split(/[\s,;:!?()"]+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i]!.replace(/[.'’]+$/, '').replace(/['’]s$/, '');
    if (!NAME.test(raw) || NOT_NAMES.has(raw.toLowerCase()) || /^[A-Z]?\d/.test(raw)) continue;
    if (raw.length > 3 && raw === raw.toUpperCase() && !/&/.test(raw)) continue;
    const prev = (tokens[i - 1] ?? '').toLowerCase();
    let j = i + 1;
    while (j < tokens.length && SKIP.has(tokens[j]!.toLowerCase())) j++;
    const next = (tokens[j] ?? '').toLowerCase().replace(/[.,]$/, '');
    const sentenceStart = i === 0 || /[.!?]$/.test(tokens[i - 1]!);
    if (STORE_LIKE.test(raw) && raw.length > 4) return raw;
    if (AFTER.has(next)) return raw;
    const linking = next === 'is' || next === 'are' || next === 'was' || next === 'has';
    if (linking && /^(selling|offering|charging|cheaper|listing|got|it|them)/i.test(tokens[j + 1] ?? ''))
      return raw;
    if (!sentenceStart && BEFORE.has(prev)) return raw;
  }
  return null;
}
