import type { ContextEntity, ContextSummary, TriedStep } from '../protocol/context-package.ts';
import { type Facts, humanize } from './collect-facts.ts';

/** Intents with these tags are conversation, not help: they never count as something the bot tried. */
const NOT_TRIED_TAGS = ['smalltalk', 'handoff'];
/** Entity types that identify the case; listed first and quoted in "what the customer wants". */
const KEY_TYPES = [
  'order_id',
  'claim_id',
  'policy_number',
  'policy_id',
  'account_number',
  'account_id',
  'card_number',
  'money',
  'error_code',
];
const QUOTE_MAX = 160;

/** Cuts text to `max` characters at a word boundary. */
export function clip(text: string, max = QUOTE_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}...`;
}

/** Key entities first (ids, card, amounts, error codes), then the rest, each in the order said. */
export function orderEntities(entities: readonly ContextEntity[]): ContextEntity[] {
  const rank = (e: ContextEntity) => {
    const i = KEY_TYPES.indexOf(e.type);
    return i === -1 ? KEY_TYPES.length : i;
  };
  return [...entities].sort((a, b) => rank(a) - rank(b) || a.turn - b.turn);
}

/** "Order A1234, Amount $18,000": the latest key entities, for one-line mentions. */
export function keyEntityList(facts: Facts, max = 4): string {
  return orderEntities([...facts.latest.values()].filter((e) => KEY_TYPES.includes(e.type)))
    .slice(0, max)
    .map((e) => `${e.label.toLowerCase()} ${e.type === 'card_number' ? e.value : e.text}`)
    .join(', ');
}

/** The rule-built summary: what the customer wants, what they gave, what the bot tried, where it stopped. */
export function summarizeFacts(facts: Facts, teamName: string): ContextSummary {
  return {
    topic: facts.topic
      ? { intent: facts.topic.intent, label: facts.topic.label, description: facts.topic.description }
      : null,
    customerWants: customerWants(facts),
    entities: orderEntities(facts.entities),
    botTried: listTried(facts),
    outcome: outcome(facts, teamName),
  };
}

function customerWants(facts: Facts): string {
  const { topic, turns } = facts;
  const said = topic
    ? (turns.find((t) => t.intent === topic.intent) ?? turns.find((t) => t.topic === topic.intent))
    : [...turns].reverse().find((t) => t.text.trim().length > 0);
  const quote = said ? ` "${clip(said.text).replace(/[\s.!?]+$/, '')}"` : '';
  const head = topic
    ? `Wants help with ${topic.label.toLowerCase()}:${quote}.`
    : `The bot could not tell what the customer wants; they last said:${quote || ' nothing'}.`;
  const gave = keyEntityList(facts);
  return gave ? `${head} Gave ${gave}.` : head;
}

function listTried(facts: Facts): TriedStep[] {
  const steps = new Map<string, TriedStep>();
  const add = (key: string, turn: number, step: Omit<TriedStep, 'turns'>) => {
    const prev = steps.get(key);
    steps.set(key, { ...step, turns: [...(prev?.turns ?? []), turn] });
  };
  const tags = (intent: string) => facts.pack.intents?.find((i) => i.id === intent)?.tags ?? [];
  for (const t of facts.turns) {
    if (t.replyKind === 'intent' && t.intent && !tags(t.intent).some((g) => NOT_TRIED_TAGS.includes(g))) {
      add(`answer:${t.intent}`, t.turn, {
        kind: 'answer',
        what: `Answered "${humanize(t.intent)}" from the pack`,
        result: 'answered',
      });
    }
    if (t.replyKind === 'article' && t.article) {
      add(`article:${t.article.id}`, t.turn, {
        kind: 'article',
        what: `Shared the article "${t.article.title}"`,
        result: 'answered',
      });
    }
    for (const call of t.tools) {
      const notFound = !call.ok && call.error === 'not found';
      add(`tool:${call.tool}:${call.key ?? ''}`, t.turn, {
        kind: 'tool',
        tool: call.tool,
        what: `Looked up ${humanize(call.tool).toLowerCase()}${call.key ? ` for ${call.key}` : ''}`,
        result: call.ok ? 'found' : notFound ? 'not_found' : 'error',
        ...(call.ok
          ? { detail: describeRecord(call.result, t.answerCase?.id) }
          : !notFound && call.error
            ? { detail: call.error }
            : {}),
      });
    }
  }
  for (const run of facts.flows) {
    steps.set(`flow:${run.flow}`, {
      kind: 'flow',
      what: `Ran the ${run.label} flow (steps: ${run.steps.join(', ')})`,
      result: run.status === 'active' ? 'in_progress' : run.status,
      detail: `${run.failedCycles} of ${run.maxCycles} cycles failed`,
      turns: run.turns,
    });
  }
  if (facts.fallbackTurns.length > 0) {
    const n = facts.fallbackTurns.length;
    steps.set('fallback', {
      kind: 'fallback',
      what: `Did not understand ${n} message${n === 1 ? '' : 's'}`,
      result: 'not_understood',
      turns: facts.fallbackTurns,
    });
  }
  return [...steps.values()].sort((a, b) => (a.turns[0] ?? 0) - (b.turns[0] ?? 0));
}

/** `status: delayed, eta: 2026-12-03` from the first scalar fields of a tool record. */
export function describeRecord(record: unknown, answerCase?: string): string {
  const fields =
    record && typeof record === 'object' && !Array.isArray(record)
      ? Object.entries(record)
          .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
          .slice(0, 4)
          .map(([k, v]) => `${k}: ${String(v)}`)
      : ['string', 'number', 'boolean'].includes(typeof record)
        ? [String(record)]
        : [];
  const head = answerCase ? `case ${answerCase}` : '';
  return [head, fields.join(', ')].filter(Boolean).join('; ') || 'record found';
}

function outcome(facts: Facts, teamName: string): string {
  const { decision } = facts;
  const gaveUp = facts.flows.find((f) => f.status === 'gave_up');
  const failedTool = facts.tools.find((c) => !c.ok && c.error !== 'not found');
  const where = gaveUp
    ? `The ${gaveUp.label} flow gave up after ${gaveUp.failedCycles} of ${gaveUp.maxCycles} failed cycles at step ${gaveUp.steps.at(-1)}. `
    : failedTool
      ? `The ${humanize(failedTool.tool).toLowerCase()} lookup failed (${failedTool.error ?? 'error'}). `
      : facts.fallbackTurns.length >= 2
        ? `The bot did not understand ${facts.fallbackTurns.length} messages. `
        : '';
  if (facts.transfer) {
    const { by, fromTeamName, note } = facts.transfer;
    const from = fromTeamName ? ` from ${fromTeamName}` : '';
    return `${where}${by} transferred it${from} to ${teamName}: ${note.trim().replace(/[\s.]+$/, '')}.`;
  }
  const verb = decision.kind === 'offer' ? 'offered a person from' : 'handed off to';
  const why = decision.reasons[0] ? `: ${decision.reasons[0].replace(/\.$/, '')}` : '';
  return `${where}Rule ${decision.rule} ${verb} ${teamName}${why}.`;
}
