import type { Signal } from '../../protocol/decision.ts';
import type { EscalationPack } from '../escalation-pack.ts';
import { compileTerms, isNegator, matchPositions, matchTerms, type Term } from '../text/match-terms.ts';
import type { Doc } from '../text/tokenize.ts';
import type { Detector } from './detector.ts';
import { requestWording } from './request-wording.ts';

/** Words for "a person" that a request can name. */
const PEOPLE = new Set([
  'person',
  'human',
  'humans',
  'agent',
  'agents',
  'representative',
  'representatives',
  'rep',
  'operator',
  'someone',
  'somebody',
  'anyone',
  'anybody',
  'whoever',
  'assistant',
  'staff',
  'employee',
  'supervisor',
  'manager',
  'people',
  'associate',
  'advisor',
  'adviser',
  'specialist',
  'consultant',
  'support',
  'service',
  'team',
  'department',
  'desk',
]);
/** Nouns a message may consist of, almost alone, to ask for a person ("agent", "human please"). */
const BARE = new Set([
  'person',
  'human',
  'agent',
  'representative',
  'rep',
  'operator',
  'supervisor',
  'manager',
]);
const BARE_FILLERS = new Set(
  'please pls plz now a an the i want need get me give just ok okay hi hello hey yes yeah real live actual human some talk speak to with can could may id like would right asap immediately already seriously come on for sake customer service support rep someone an operator agent person representative a'.split(
    ' ',
  ),
);
/** Verbs (base form only: "talking to an agent" is a report, not a request) that ask for a person. */
const VERBS = new Set([
  'ask',
  'talk',
  'speak',
  'chat',
  'connect',
  'transfer',
  'put',
  'reach',
  'contact',
  'escalate',
  'need',
  'want',
  'deal',
  'prefer',
  'rather',
  'get',
  'give',
  'bring',
  'pass',
]);
/** "get"/"give"/"have"/"bring" only count with an unambiguous noun ("get me a human", not "get someone added"). */
const WEAK_VERBS = new Set(['get', 'give', 'bring']);
const VAGUE = new Set([
  'someone',
  'somebody',
  'anyone',
  'anybody',
  'whoever',
  'people',
  'team',
  'service',
  'support',
  'desk',
  'department',
]);
/** Nouns that only count after a verb of talking ("talk to support", not "need support"). */
const TALK_ONLY = new Set(['people', 'team', 'service', 'support', 'desk', 'department', 'staff']);
/** Verbs of talking ("talk to support" counts, "need support" does not). */
const STRONG = new Set([
  'ask',
  'talk',
  'speak',
  'chat',
  'connect',
  'transfer',
  'reach',
  'contact',
  'escalate',
  'put',
  'pass',
]);
/** Words allowed between the verb and the noun. */
const GAP = new Set(
  'to with a an the some real live actual human me through in touch your my one of directly please now immediately right away just another different proper qualified specific someone from customer tech technical'.split(
    ' ',
  ),
);
/** Words after "human" or "agent" that make it a different thing ("human resources"). */
const NOT_AFTER = new Set([
  'resources',
  'resource',
  'rights',
  'error',
  'nature',
  'trafficking',
  'body',
  'race',
  'else',
  'elses',
]);

const BOTS = [
  'bot',
  'bots',
  'robot',
  'machine',
  'chatbot',
  'chat bot',
  'computer',
  'ai',
  'automated system',
  'automated',
];
const aboutBots = (templates: string[]) => templates.flatMap((t) => BOTS.map((b) => t.replace('BOT', b)));

/** Phrases that ask for a person or doubt the bot, with how sure they are. */
const PHRASES: Array<[number, string[]]> = [
  [
    1,
    [
      ...aboutBots([
        'not a BOT',
        'not an BOT',
        'no BOT',
        'no more BOT',
        'stop the BOT',
        'enough with the BOT',
        'hate BOT',
        'hate this BOT',
        'tired of this BOT',
        'sick of this BOT',
        'done with this BOT',
        'dont want a BOT',
        'dont want to talk to a BOT',
        'dont want to chat with a BOT',
        'rather not talk to a BOT',
      ]),
      'real person',
      'real human',
      'live person',
      'live human',
      'live agent',
      'live chat',
      'actual person',
      'actual human',
      'human being',
      'real people',
      'escalate this',
      'escalate my',
      'escalate to',
      'call me back',
      'request a callback',
      'give me a call',
      'to call me',
      'please call me',
      'can you call me',
      'could you call me',
      'someone call me',
      'somebody call me',
      'manager call me',
      'banker call me',
      'advisor call me',
      'agent call me',
      'phone me',
      'ring me',
    ],
  ],
  [
    0.9,
    [
      'anyone real',
      'anybody real',
      'someone real',
      'somebody real',
      'is anyone there',
      'is anybody there',
      'anyone there',
      'anybody there',
      'anyone out there',
      'is there anyone',
      'is there anybody',
      'is there a human',
      'is there a person',
      'is there someone',
      'is this a real',
      'someone on the line',
      'somebody on the line',
      'anyone on the line',
      'someone on the phone',
      'somebody on the phone',
      'someone on this',
      'somebody on this',
      'callback',
      'like it reviewed',
      'want it reviewed',
      'have it reviewed',
      'get it reviewed',
      'like this reviewed',
      'want this reviewed',
      'someone to review',
      'manual review',
      'can you look into',
      'could you look into',
      'please look into',
      'someone look into',
      'somebody look into',
      'someone to look into',
      'investigate this',
      'open an investigation',
      ...aboutBots([
        'is this a BOT',
        'is this an BOT',
        'am i talking to a BOT',
        'am i chatting with a BOT',
        'talking to a BOT',
      ]),
    ],
  ],
  [
    0.5,
    ['are you real', 'are you human', 'are you a person', ...aboutBots(['are you a BOT', 'are you an BOT'])],
  ],
];

type Compiled = { phrases: Array<[number, Term[]]>; extra: Term[]; roles: Array<[Term, string]> };
const compiledCache = new WeakMap<EscalationPack, Compiled>();

function compiled(pack: EscalationPack): Compiled {
  let c = compiledCache.get(pack);
  if (!c) {
    const cfg = pack.policy.detectors.explicitRequest;
    c = {
      phrases: PHRASES.map(([score, list]) => [score, compileTerms(list, pack.lexicon)]),
      extra: compileTerms(cfg.phrases, pack.lexicon),
      roles: Object.entries(cfg.roles).flatMap(([role, team]) => {
        const resolved = team === 'default' ? pack.defaultTeam : team;
        return compileTerms([role], pack.lexicon).map((t) => [t, resolved] as [Term, string]);
      }),
    };
    compiledCache.set(pack, c);
  }
  return c;
}

/** A negator shortly before a request ("I don't need a person") cancels it. */
function negatedRequest(doc: Doc, at: number): boolean {
  for (let j = at - 1; j >= 0 && j >= at - 5; j--) {
    if (doc.clauses[j] !== doc.clauses[at]) return false;
    if (isNegator(doc.words[j]!) || doc.words[j] === 'cant') {
      const between = doc.words.slice(j + 1, at);
      return between.every((w) =>
        /^(need|want|wish|to|talk|speak|a|an|the|with|any|really|i|me|be|have|get)$/.test(w),
      );
    }
  }
  return false;
}

/** Index where a role term starts at `i`, with its team. */
function roleAt(doc: Doc, i: number, roles: Compiled['roles']): string | null {
  for (const [term, team] of roles) {
    const first = term.parts[0]!;
    const ok = first.prefix ? doc.words[i]!.startsWith(first.value) : doc.stems[i] === first.value;
    if (
      ok &&
      term.parts.every((p, k) =>
        p.prefix ? doc.words[i + k]?.startsWith(p.value) : doc.stems[i + k] === p.value,
      )
    ) {
      return team;
    }
  }
  return null;
}

/** The customer's request for a person in one message: score, evidence, and a team if they named a role. */
export function readExplicitRequest(
  pack: EscalationPack,
  message: Doc,
): { score: number; evidence: string; team?: string } | null {
  const doc = requestWording(message);
  const c = compiled(pack);
  let best: { score: number; evidence: string; team?: string } | null = null;
  const consider = (score: number, evidence: string, team?: string) => {
    if (!best || score > best.score || (score === best.score && team && !best.team)) {
      best = team ? { score, evidence, team } : { score, evidence };
    }
  };
  const words = doc.words;
  for (const hit of matchTerms(doc, c.extra)) consider(1, `asked: "${hit}"`);
  for (const [score, terms] of c.phrases) {
    for (const { term, at } of matchPositions(doc, terms)) {
      // "I don't want to talk to a bot" asks for a person as much as "am I talking to a bot?"
      const aboutBot = BOTS.some((b) => term.raw.endsWith(b));
      if (!aboutBot && describesThirdParty(doc, at)) continue;
      // "is this email about a free meal real?" asks about a thing, "is this a real person?" about the chat
      if (term.raw.startsWith('is this') && !/^(a|an|really|actually|even)$/.test(doc.words[at + 2] ?? ''))
        continue;
      const negated = negatedRequest(doc, at);
      if (!negated) consider(score, `said "${term.raw}"`);
      else if (aboutBot) consider(1, `said they do not want "${term.raw}"`);
    }
  }
  if (
    words.length > 0 &&
    words.length <= 6 &&
    words.some((w) => BARE.has(w)) &&
    words.every((w) => BARE_FILLERS.has(w))
  ) {
    consider(1, `asked: "${words.join(' ')}"`);
  }
  // a role named almost alone: "front desk please", "billing!"
  for (let clause = 0; clause <= (doc.clauses.at(-1) ?? -1); clause++) {
    const idx = words.flatMap((_, i) => (doc.clauses[i] === clause ? [i] : []));
    if (idx.length === 0 || idx.length > 5) continue;
    for (const [term, team] of c.roles) {
      const at = idx.find((i) => roleAt(doc, i, [[term, team]]) !== null);
      if (at === undefined) continue;
      const rest = idx.filter((i) => i < at || i >= at + term.parts.length).map((i) => words[i]!);
      if (rest.every((w) => BARE_FILLERS.has(w)))
        consider(1, `asked: "${idx.map((i) => words[i]).join(' ')}"`, team);
    }
  }
  for (let i = 0; i < words.length; i++) {
    const role = roleAt(doc, i, c.roles);
    const noun = words[i]!;
    if (!role && !PEOPLE.has(noun)) continue;
    if (!role && NOT_AFTER.has(words[i + 1] ?? '')) continue;
    if (
      !role &&
      (noun === 'support' || noun === 'service') &&
      !['customer', 'tech', 'technical', 'the', 'to'].includes(words[i - 1] ?? '')
    )
      continue;
    let modifier = false;
    for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
      if (doc.clauses[j] !== doc.clauses[i]) break;
      const w = words[j]!;
      if (VERBS.has(w)) {
        if (modifier && (w === 'need' || w === 'want')) break;
        // "customer service" is a definite noun: "I need customer service" asks for people
        const definite = (noun === 'service' || noun === 'support') && words[i - 1] === 'customer';
        if (!role && TALK_ONLY.has(noun) && !definite && !STRONG.has(w)) break;
        // "get someone added" is not a request, "get me someone" is
        const forMe = words[j + 1] === 'me' && j + 2 === i;
        if (WEAK_VERBS.has(w) && !role && VAGUE.has(noun) && !forMe) break;
        if (negatedRequest(doc, j)) break;
        const team = role ?? namedRoleAfter(doc, i, c.roles);
        const vague = VAGUE.has(noun) && noun !== 'service' && noun !== 'support' && !role;
        consider(vague ? 0.9 : 1, `asked: "${words.slice(j, i + 1).join(' ')}"`, team ?? undefined);
        break;
      }
      if (GAP.has(w) || PEOPLE.has(w)) continue;
      if (j === i - 1 && !modifier) {
        modifier = true;
        continue;
      }
      break;
    }
  }
  // "can someone help me", "will somebody call me"
  for (let i = 1; i < words.length - 1; i++) {
    if (
      VAGUE.has(words[i]!) &&
      /^(can|could|will|would)$/.test(words[i - 1]!) &&
      /^(help|call|contact|look|explain|assist|fix)$/.test(words[i + 1]!)
    ) {
      consider(0.8, `asked: "${words.slice(i - 1, i + 2).join(' ')}"`);
    }
  }
  // "somebody help!", "please someone help me": a call for help that opens its clause
  for (let i = 0; i < words.length - 1; i++) {
    if (!VAGUE.has(words[i]!) || !/^(help|assist)$/.test(words[i + 1]!)) continue;
    let k = i - 1;
    while (k >= 0 && doc.clauses[k] === doc.clauses[i] && CALL_FILLERS.has(words[k]!)) k--;
    if (k < 0 || doc.clauses[k] !== doc.clauses[i])
      consider(0.8, `asked: "${words.slice(i, i + 2).join(' ')}"`);
  }
  // "who can I talk to about this?", "who do I speak with"
  for (let i = 0; i + 3 < words.length; i++) {
    if (
      words[i] === 'who' &&
      /^(can|could|do|should|would|shall)$/.test(words[i + 1]!) &&
      words[i + 2] === 'i' &&
      STRONG.has(words[i + 3]!) &&
      !negatedRequest(doc, i + 3) &&
      // with no topic of its own: "who do I talk to about reserving the clubhouse?" is a question the bot answers
      words.every((w, k) => k <= i + 3 || doc.clauses[k] !== doc.clauses[i] || OPEN_ENDING.has(w))
    ) {
      consider(0.9, `asked: "${words.slice(i, i + 4).join(' ')}"`);
    }
  }
  return best;
}

/** Words that may end "who can I talk to ..." without naming a topic. */
const OPEN_ENDING = new Set('to with about this that it here now please then so'.split(' '));

/** Words that may open a call for help before "someone help". */
const CALL_FILLERS = new Set(
  'please hey hello hi ok so can could will would just oh god somebody someone'.split(' '),
);

/**
 * "is the driver a real person?": the phrase describes someone the customer names (a copula after "the/my/your
 * <noun>"), not a wish to talk to a person. "is this a real person?" still asks.
 */
function describesThirdParty(doc: Doc, at: number): boolean {
  for (let j = at - 1; j >= 1 && j >= at - 6; j--) {
    if (doc.clauses[j] !== doc.clauses[at]) return false;
    if (
      /^(the|my|your|his|her|their|that|our)$/.test(doc.words[j]!) &&
      /^(is|was|are|were)$/.test(doc.words[j - 1]!)
    )
      return !/^(bot|chatbot|assistant|chat|ai|one)$/.test(doc.words[j + 1] ?? '');
  }
  return false;
}

/** "someone in billing", "a person from the fraud team": the role named just after a vague noun. */
function namedRoleAfter(doc: Doc, i: number, roles: Compiled['roles']): string | null {
  for (let k = i + 1; k <= i + 4 && k < doc.words.length; k++) {
    const team = roleAt(doc, k, roles);
    if (team) return team;
  }
  return null;
}

/** Explicit request: the customer asks for a person ("agent", "is anyone real there?", "speak with a coordinator"). */
export const detectExplicitRequest: Detector = (ctx) => {
  const found = readExplicitRequest(ctx.pack, ctx.docs.at(-1)!);
  if (!found) return [];
  const signal: Signal = {
    detector: 'explicit_request',
    score: found.score,
    peak: found.score,
    evidence: [found.evidence],
  };
  if (found.team && found.team !== 'topic') signal.team = found.team;
  return [signal];
};
