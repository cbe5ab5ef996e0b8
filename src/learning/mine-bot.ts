import type { BotTurn } from '../protocol/bot-turn.ts';
import type { PackDocument, PreparedConversation } from '../protocol/learning.ts';
import { contentWords } from './content-words.ts';
import type { Candidate } from './mine-policy.ts';

const MAX_EXAMPLES = 10;
/** A new intent needs as many examples as the pack format asks of any intent. */
const NEW_INTENT_SIZE = 10;
const ARTICLE_SIZE = 3;
const SIMILAR = 0.3;

type Message = { id: string; text: string; words: string[]; prepared: PreparedConversation };

/** Whether the bot did not understand a message (fell back, or was not confident in any intent). */
function unanswered(turn: BotTurn, minConfidence: number): boolean {
  return (
    turn.replyKind === 'fallback' ||
    turn.replyKind === 'none' ||
    (turn.replyKind === 'intent' && turn.confidence < minConfidence)
  );
}

/**
 * The intent an unanswered message belonged to: a confident intent later in the same conversation, else,
 * for a conversation a person needed, the best-ranked intent owned by the team that took it.
 */
function belongsTo(
  p: PreparedConversation,
  at: number,
  teams: ReadonlyMap<string, string | null>,
  minConfidence: number,
): string | null {
  for (const t of p.turns.slice(at + 1)) {
    if (
      t.intent &&
      t.confidence >= minConfidence &&
      !t.outOfScope &&
      teams.has(t.intent) &&
      teams.get(t.intent) !== null
    )
      return t.intent;
  }
  const e = p.conversation.expect;
  if (!e.handoff) return null;
  return p.turns[at]!.ranking.slice(0, 3).find((r) => teams.get(r.intent) === e.team)?.intent ?? null;
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const inter = b.filter((w) => sa.has(w)).length;
  return inter === 0 ? 0 : inter / (sa.size + b.length - inter);
}

/** Greedy clusters of messages by shared words (each joins the first cluster it is similar enough to). */
function cluster(messages: readonly Message[]): Message[][] {
  const clusters: { words: Map<string, number>; members: Message[] }[] = [];
  for (const m of messages) {
    const home = clusters.find(
      (c) =>
        jaccard(
          [...c.words.keys()].filter((w) => c.words.get(w)! * 2 >= c.members.length),
          m.words,
        ) >= SIMILAR,
    );
    if (home) {
      home.members.push(m);
      for (const w of m.words) home.words.set(w, (home.words.get(w) ?? 0) + 1);
    } else clusters.push({ words: new Map(m.words.map((w) => [w, 1])), members: [m] });
  }
  return clusters.map((c) => c.members);
}

/** The most frequent words of a cluster, for its name. */
function topWords(members: readonly Message[], n: number): string[] {
  const counts = new Map<string, number>();
  for (const m of members) for (const w of m.words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([w]) => w);
}

const mostCommon = (xs: readonly string[]): string | undefined => {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

const slug = (words: readonly string[]) =>
  words
    .join('-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/^[^a-z]+/, '') || 'topic';

/**
 * What the bot should learn to answer: training examples for intents it misread, new intents from clusters
 * of unanswered messages, and knowledge articles drafted from agents' answers to repeated questions. Pure.
 */
export function mineBot(doc: PackDocument, history: readonly PreparedConversation[]): Candidate[] {
  const intents =
    (doc.pack.intents as { id: string; team?: string; examples?: string[] }[] | undefined) ?? [];
  const teams = new Map(intents.map((i) => [i.id, i.team ?? null]));
  const known = new Set(intents.flatMap((i) => (i.examples ?? []).map((e) => e.toLowerCase())));
  const articles = new Set(((doc.pack.knowledge as { id: string }[] | undefined) ?? []).map((a) => a.id));
  const settings = (doc.pack.settings ?? {}) as { minConfidence?: number };
  const minConfidence = settings.minConfidence ?? 0.5;
  const examples = new Map<string, Message[]>();
  const orphans: Message[] = [];
  for (const p of history) {
    p.turns.forEach((t, at) => {
      if (!unanswered(t, minConfidence)) return;
      const words = contentWords(t.text);
      if (words.length === 0 || known.has(t.text.toLowerCase())) return;
      const m: Message = { id: p.conversation.id, text: t.text, words, prepared: p };
      const intent = belongsTo(p, at, teams, minConfidence);
      if (intent) examples.set(intent, [...(examples.get(intent) ?? []), m]);
      else orphans.push(m);
    });
  }
  const out: Candidate[] = [];
  for (const [intent, ms] of examples) {
    const texts = [...new Set(ms.map((m) => m.text))].slice(0, MAX_EXAMPLES);
    if (texts.length < 2) continue;
    out.push({
      key: `examples:${intent}`,
      kind: 'intent_example',
      title: `Teach the intent "${intent}" ${texts.length} messages the bot did not understand`,
      evidence: {
        conversations: [...new Set(ms.map((m) => m.id))].slice(0, 8),
        terms: [],
        counts: { messages: ms.length },
        quotes: texts,
      },
      change: [{ op: 'add_intent_examples', intent, examples: texts }],
    });
  }
  for (const members of cluster(orphans)) {
    const ids = [...new Set(members.map((m) => m.id))];
    const name = topWords(members, 2);
    const resolutions = members.flatMap((m) =>
      m.prepared.conversation.resolution ? [m.prepared.conversation.resolution] : [],
    );
    const answer = mostCommon(resolutions);
    const texts = [...new Set(members.map((m) => m.text))];
    if (answer && ids.length >= ARTICLE_SIZE) {
      const id = `learned-${slug(name)}`;
      if (articles.has(id)) continue;
      const title = mostCommon(members.map((m) => m.text)) ?? texts[0]!;
      out.push({
        key: `article:${id}`,
        kind: 'kb_article',
        title: `Draft an article "${title}" from the agents' answer to ${ids.length} conversations`,
        evidence: {
          conversations: ids.slice(0, 8),
          terms: name,
          counts: { conversations: ids.length },
          quotes: [...texts.slice(0, 5), answer],
        },
        change: [
          {
            op: 'add_article',
            article: { id, title, body: answer, tags: ['learned', ...topWords(members, 6)] },
          },
        ],
      });
    }
    if (texts.length >= NEW_INTENT_SIZE) {
      const team = mostCommon(
        members.flatMap((m) =>
          m.prepared.conversation.expect.handoff ? [m.prepared.conversation.expect.team] : [],
        ),
      );
      const id = `learned_${slug(name).replace(/-/g, '_')}`;
      if (teams.has(id)) continue;
      out.push({
        key: `intent:${id}`,
        kind: 'new_intent',
        title: `New intent "${id}" from ${texts.length} similar messages the bot did not understand`,
        evidence: {
          conversations: ids.slice(0, 8),
          terms: name,
          counts: { messages: texts.length },
          quotes: texts.slice(0, 5),
        },
        change: [
          {
            op: 'add_intent',
            intent: {
              id,
              description: `Learned from messages about ${name.join(', ')}`,
              examples: texts.slice(0, 20),
              ...(team ? { team } : {}),
              ...(answer ? { answer } : {}),
            },
          },
        ],
      });
    }
  }
  return out;
}
