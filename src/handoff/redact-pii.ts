import {
  type ContextPackage,
  type PiiType,
  type RedactionConfig,
  type RedactionConfigInput,
  redactionConfigSchema,
} from '../protocol/context-package.ts';

/** One masked value: its type, where it was, the mask shown, and the token a reveal maps back from. */
export type PiiFinding = { token: string; type: PiiType; path: string; mask: string };

/** Original values by token id: stored apart from the redacted value, shown only through an audited reveal. */
export type PiiSecrets = Record<string, { type: PiiType; value: string }>;

/** A redacted value with what was found in it. */
export type Redacted<T> = { value: T; findings: PiiFinding[]; secrets: PiiSecrets };

type Hit = { start: number; end: number; type: PiiType; key: string; mask: string };
type Detector = (text: string) => Hit[];

const last = (s: string, n: number) => (n > 0 ? s.slice(-n) : '');
const digitsOf = (s: string) => s.replace(/\D/g, '');

/** Luhn checksum, as every payment card number carries. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * Card numbers: runs of digit groups (spaces or dashes between) holding 13-19 digits that pass Luhn; never
 * part of a decimal number (a duration such as 23.0123456789012 is not a card).
 */
function findCards(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const run of text.matchAll(/(?<![\w.-])\d+(?:[ -]\d+)*(?!\w|\.\d)/g)) {
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({ start: run.index + g.index, text: g[0] }));
    for (let i = 0; i < groups.length; ) {
      let matched = 0;
      for (let j = groups.length; j > i && !matched; j--) {
        const digits = groups
          .slice(i, j)
          .map((g) => g.text)
          .join('');
        if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) continue;
        const end = groups[j - 1]!.start + groups[j - 1]!.text.length;
        hits.push({
          start: groups[i]!.start,
          end,
          type: 'card',
          key: digits,
          mask: `[card ****${last(digits, 4)}]`,
        });
        matched = j - i;
      }
      i += matched || 1;
    }
  }
  return hits;
}

function byRegex(regex: RegExp, type: PiiType, mask: (m: string) => string, key = digitsOf): Detector {
  return (text) =>
    [...text.matchAll(regex)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
      type,
      key: key(m[0]),
      mask: mask(m[0]),
    }));
}

const findSsn = byRegex(
  /(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])/g,
  'ssn',
  (m) => `[ssn ***-**-${last(digitsOf(m), 4)}]`,
);
const findEmails = byRegex(
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  'email',
  (m) => `[email ***@${m.slice(m.indexOf('@') + 1)}]`,
  (m) => m.toLowerCase(),
);
const findPhones = byRegex(
  /(?:(?<![\w+])(?:\+\d{1,3}|1)[\s.-]?)?(?:\(\d{3}\)|(?<!\w)\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?!\w)|(?<![\w+])\+\d{1,3}(?:[\s.-]?\d{2,4}){2,5}(?!\w)/g,
  'phone',
  (m) => `[phone ****${last(digitsOf(m), 4)}]`,
);

/** The detectors a config turns on, most specific first: an earlier hit wins an overlap. */
function detectorsFor(config: RedactionConfig): Detector[] {
  const own = config.nationalIds.map((p) =>
    byRegex(
      new RegExp(p.pattern, 'gi'),
      'national_id',
      (m) => `[${p.name} ${p.keepLast > 0 ? `****${last(m, p.keepLast)}` : '****'}]`,
      (m) => `${p.name}:${m.toUpperCase().replace(/[\s-]/g, '')}`,
    ),
  );
  return [
    ...own,
    ...(config.ssn ? [findSsn] : []),
    ...(config.cards ? [findCards] : []),
    ...(config.emails ? [findEmails] : []),
    ...(config.phones ? [findPhones] : []),
  ];
}

/** A mask this redactor wrote (so masking masked data again changes nothing). */
const typedMask = /^\[(?:card \*{4}\d{4}|ssn \*{3}-\*{2}-\d{4}|phone \*{4}\d{0,4}|email \*{3}@[^\s\]]+)\]$/;
const isMask = (text: string, key: string) => text === `[secret ${key}]` || typedMask.test(text);

const keyName = (k: string) => k.toLowerCase().replace(/[-\s]/g, '_');
/** Appends a key or index to a finding path: `transcript[2].text`, `attributes["home phone"]`. */
const pathOf = (base: string, key: string | number) =>
  typeof key === 'number'
    ? `${base}[${key}]`
    : /^[A-Za-z_$][\w$]*$/.test(key)
      ? `${base ? `${base}.` : ''}${key}`
      : `${base}[${JSON.stringify(key)}]`;

/** The keys and indexes of a finding path, in order. */
export function parsePath(path: string): (string | number)[] {
  return [...path.matchAll(/\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)].map((m) =>
    m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string),
  );
}

/** A redactor for one config; tokens are numbered per type in the order values are first met, so equal inputs give equal tokens. */
export function createRedactor(input: RedactionConfigInput = {}) {
  const config = redactionConfigSchema.parse(input);
  const detectors = detectorsFor(config);
  const allowed = new Set(config.allow.map((a) => a.toLowerCase()));
  const secretKeys = new Set(config.secretKeys.map(keyName));

  return function redact<T>(value: T, root = ''): Redacted<T> {
    const findings: PiiFinding[] = [];
    const secrets: PiiSecrets = {};
    const tokens = new Map<string, string>();
    const counts = new Map<PiiType, number>();
    const seen = new WeakSet<object>();

    const tokenFor = (type: PiiType, key: string, original: string) => {
      const id = `${type}\u0000${key}`;
      let token = tokens.get(id);
      if (!token) {
        const n = (counts.get(type) ?? 0) + 1;
        counts.set(type, n);
        token = `${type}-${n}`;
        tokens.set(id, token);
        secrets[token] = { type, value: original };
      }
      return token;
    };

    /** The hits in a text, earliest detector first, overlaps and allowed values dropped, in text order. */
    const scan = (text: string): Hit[] => {
      const hits: Hit[] = [];
      for (const detect of detectors) {
        for (const hit of detect(text)) {
          if (allowed.has(text.slice(hit.start, hit.end).toLowerCase())) continue;
          if (hits.some((h) => hit.start < h.end && hit.end > h.start)) continue;
          hits.push(hit);
        }
      }
      return hits.sort((a, b) => a.start - b.start);
    };

    const walk = (v: unknown, path: string, key: string | null): unknown => {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') {
        const text = String(v);
        let hits = scan(text);
        // Under a secret key the whole value goes, unless one typed hit already covers all of it.
        const whole = hits.length === 1 && hits[0]!.start === 0 && hits[0]!.end === text.length;
        if (key !== null && secretKeys.has(keyName(key)) && text.length > 0 && !whole && !isMask(text, key)) {
          hits = [
            { start: 0, end: text.length, type: 'secret', key: `${key}:${text}`, mask: `[secret ${key}]` },
          ];
        }
        if (hits.length === 0) return v;
        let out = '';
        let at = 0;
        for (const hit of hits) {
          const token = tokenFor(hit.type, hit.key, text.slice(hit.start, hit.end));
          findings.push({ token, type: hit.type, path, mask: hit.mask });
          out += text.slice(at, hit.start) + hit.mask;
          at = hit.end;
        }
        return out + text.slice(at);
      }
      if (v === null || typeof v !== 'object') return v;
      if (seen.has(v)) return '[circular]';
      seen.add(v);
      if (Array.isArray(v)) return v.map((item, i) => walk(item, pathOf(path, i), null));
      if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return v;
      return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, pathOf(path, k), k)]));
    };

    return { value: walk(value, root, null) as T, findings, secrets };
  };
}

/** Finds and masks personal data in a string or nested JSON value. */
export function redactPii<T>(value: T, config: RedactionConfigInput = {}): Redacted<T> {
  return createRedactor(config)(value);
}

/** Package parts that never hold personal data. */
const HEADER_KEYS = new Set([
  'version',
  'conversationId',
  'customerId',
  'channel',
  'pack',
  'createdAt',
  'redactions',
]);

/** Redacts a whole context package (transcript, summary, entities, tool results, profile, decision evidence). */
export function redactPackage(
  pkg: ContextPackage,
  config: RedactionConfigInput = {},
): { package: ContextPackage; secrets: PiiSecrets } {
  const body = Object.fromEntries(Object.entries(pkg).filter(([k]) => !HEADER_KEYS.has(k)));
  const { value, findings, secrets } = redactPii(body, config);
  const redactions = findings.map(({ token, type, path, mask }) => ({ token, type, path, mask }));
  return { package: { ...pkg, ...(value as Partial<ContextPackage>), redactions }, secrets };
}

const forLogs = createRedactor({ cards: true, ssn: true, emails: true, phones: true });

/** Masks cards, SSNs, emails and phone numbers in anything about to be logged or sent in a webhook. */
export function redactForLog<T>(value: T): T {
  return forLogs(value).value;
}
