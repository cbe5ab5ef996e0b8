import type { Entity } from '../protocol/bot-turn.ts';
import type { PackEntity } from '../protocol/pack.ts';

/** One way of finding an entity type in text; `value` normalises the match. */
type Matcher = { type: string; regex: RegExp; value: (m: RegExpExecArray) => string | null };

/** A pack's entity definitions compiled once, merged over the built-in types. */
export type EntityMatchers = readonly Matcher[];

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  couple: 2,
  'a couple of': 2,
};
const DURATION_UNITS: Record<string, string> = {
  minute: 'TM',
  min: 'TM',
  hour: 'TH',
  hr: 'TH',
  day: 'D',
  week: 'W',
  month: 'M',
  year: 'Y',
};

const scaled = (num: string, scale: string | undefined): string => {
  const n = Number(num.replaceAll(',', ''));
  const s = (scale ?? '').toLowerCase();
  const factor = s.startsWith('k') || s === 'thousand' || s === 'grand' ? 1e3 : s.startsWith('m') ? 1e6 : 1;
  return String(Math.round(n * factor * 100) / 100);
};

const duration = (count: string, unit: string): string => {
  const n = WORD_NUMBERS[count.toLowerCase()] ?? Number(count);
  const u = DURATION_UNITS[unit.toLowerCase().replace(/s$/, '')] ?? 'D';
  return u.startsWith('T') ? `PT${n}${u.slice(1)}` : `P${n}${u}`;
};

const luhn = (digits: string): boolean => {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
};

/** Built-in entity types, in priority order: an earlier match wins over an overlapping later one. */
const builtins: Matcher[] = [
  { type: 'email', regex: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gi, value: (m) => m[0].toLowerCase() },
  { type: 'claim_id', regex: /\bCL-?(\d{3,10})\b/gi, value: (m) => `CL-${m[1]}` },
  {
    type: 'error_code',
    regex: /\b(?:E|ERR[-_ ]?)(\d{2,5})\b/g,
    value: (m) => (m[0].startsWith('ERR') ? `ERR-${m[1]}` : `E${m[1]}`),
  },
  {
    type: 'card_number',
    regex: /\b\d(?:[ -]?\d){12,18}\b/g,
    value: (m) => {
      const digits = m[0].replace(/\D/g, '');
      return luhn(digits) || digits.length === 16 ? `****${digits.slice(-4)}` : null;
    },
  },
  {
    type: 'phone',
    regex: /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b/g,
    value: (m) => m[0].replace(/[^\d+]/g, ''),
  },
  {
    type: 'order_id',
    regex: /\border\s*(?:number|no\.?|id|#)?\s*[:#]?\s*([A-Za-z]{0,3}-?\d{3,12})\b/gi,
    value: (m) => m[1]!.toUpperCase(),
  },
  { type: 'order_id', regex: /(?<![\w-])#?([A-Z]{1,3}-?\d{4,10})\b/g, value: (m) => m[1]! },
  {
    type: 'money',
    regex: new RegExp(
      String.raw`(?:[$€£]|\b(?:usd|eur|gbp|cad)\s?)\s?(${NUMBER})(?:\s?(k|m|thousand|million|grand)\b)?`,
      'gi',
    ),
    value: (m) => scaled(m[1]!, m[2]),
  },
  {
    type: 'money',
    regex: new RegExp(
      String.raw`\b(${NUMBER})\s?(k|thousand|million|grand)?\s?(?:dollars?|bucks|usd|eur(?:os?)?|gbp|pounds?|cad)\b`,
      'gi',
    ),
    value: (m) => scaled(m[1]!, m[2]),
  },
  {
    type: 'money',
    regex: new RegExp(String.raw`\b(${NUMBER})\s?(k|grand)\b`, 'gi'),
    value: (m) => scaled(m[1]!, m[2]),
  },
  { type: 'date', regex: /\b\d{4}-\d{2}-\d{2}\b/g, value: (m) => m[0] },
  { type: 'date', regex: /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g, value: (m) => m[0] },
  {
    type: 'date',
    regex: new RegExp(String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b`, 'gi'),
    value: (m) => m[0].toLowerCase(),
  },
  {
    type: 'date',
    regex: new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\b(?:,?\s+\d{4})?`, 'gi'),
    value: (m) => m[0].toLowerCase(),
  },
  {
    type: 'date',
    regex: new RegExp(
      String.raw`\b(?:(?:next|last|this|coming)\s+(?:${WEEKDAYS}|week(?:end)?|month|year)|day after tomorrow|today|tonight|tomorrow|yesterday|(?:${WEEKDAYS})s?|weekends?)\b`,
      'gi',
    ),
    value: (m) => m[0].toLowerCase().replace(/\s+/g, ' '),
  },
  {
    type: 'time',
    regex:
      /\b(?:\d{1,2}(?::\d{2})?\s?(?:am|pm)|\d{1,2}:\d{2}|noon|midnight|mornings?|afternoons?|evenings?)\b/gi,
    value: (m) => m[0].toLowerCase().replace(/\s+/g, '').replace(/s$/, ''),
  },
  {
    type: 'duration',
    regex:
      /\b(?:(\d+)\s*(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)|(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple)(?:\s+of)?\s+(minutes?|hours?|days?|weeks?|months?|years?))\b(?![\s-]*old\b)/gi,
    value: (m) => duration(m[1] ?? m[3]!, m[2] ?? m[4]!),
  },
];

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a pack's entity definitions; a pack type with a built-in's name replaces the built-in. Built-in
 * types in `preferred` (the keys the pack's lookups use) win a token two types could read: in a store,
 * "E2020" is an order number before it is an error code.
 */
export function compileEntities(
  defs: readonly PackEntity[] = [],
  preferred: readonly string[] = [],
): EntityMatchers {
  const own: Matcher[] = [];
  for (const def of defs) {
    for (const pattern of def.patterns) {
      own.push({ type: def.id, regex: new RegExp(pattern, 'gi'), value: (m) => m[1] ?? m[0] });
    }
    for (const entry of def.values) {
      const { value, synonyms } = typeof entry === 'string' ? { value: entry, synonyms: [] } : entry;
      const words = [value, ...synonyms].sort((a, b) => b.length - a.length).map(escapeRegex);
      const body = words.map((w) => w.replace(/\s+/g, String.raw`\s+`)).join('|');
      own.push({
        type: def.id,
        regex: new RegExp(String.raw`(?<!\w)(?:${body})(?!\w)`, 'gi'),
        value: () => value,
      });
    }
  }
  const replaced = new Set(defs.map((d) => d.id));
  const rest = builtins.filter((b) => !replaced.has(b.type));
  return [
    ...own,
    ...rest.filter((b) => preferred.includes(b.type)),
    ...rest.filter((b) => !preferred.includes(b.type)),
  ];
}

const defaultMatchers = compileEntities();

/** Finds the entities in one message: built-in types plus the pack's own, without overlaps, in text order. */
export function extractEntities(text: string, matchers: EntityMatchers = defaultMatchers): Entity[] {
  const taken: [number, number][] = [];
  const found: (Entity & { at: number })[] = [];
  const seen = new Set<string>();
  for (const matcher of matchers) {
    matcher.regex.lastIndex = 0;
    for (let m = matcher.regex.exec(text); m; m = matcher.regex.exec(text)) {
      if (m[0].length === 0) {
        matcher.regex.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const value = matcher.value(m);
      if (value === null) continue;
      taken.push([start, end]);
      const key = `${matcher.type}\u0000${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ type: matcher.type, value, text: m[0].trim(), at: start });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...e }) => e);
}

/** Entity types found without any pack definition. */
export const builtinEntityTypes: readonly string[] = [...new Set(builtins.map((b) => b.type))];
