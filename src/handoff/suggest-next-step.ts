import type { ContextEntity, ContextToolResult, NextStep } from '../protocol/context-package.ts';
import { type Facts, humanize } from './collect-facts.ts';
import { keyEntityList } from './summarize-facts.ts';

/** One next-step rule: returns the advice when it applies, else null. The first rule that applies wins. */
type NextStepRule = { id: string; suggest: (facts: Facts) => string | null };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PROBLEM_STATUS = /\b(delay(ed)?|late|back-?order(ed)?|lost|stuck|held|on hold|exception)\b/i;
const DATE_FIELD =
  /^(eta|new_?eta|expected(_?(date|delivery))?|delivery_?date|estimated(_?delivery)?|ships?_?on|arrives?)$/i;
const AMOUNT_FIELD = /^(amount|claim_?amount|total|sum|value)$/i;
const LIMIT_FIELD = /limit|^max|maximum|threshold|(^|_)cap($|_)/i;
/** "over the 5,000 limit", "limit 5000", "> 5000", "above $5,000" in the decision's reasons or evidence. */
const LIMIT_TEXT =
  /(?:limit(?: of| is|:)?|(?:over|above|exceeds?|beyond)(?: the)?|>)\s*[$€£]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/i;

/** `2026-12-03` -> `Dec 3`; anything else is shown as given. */
export function shortDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${month} ${Number(m[3])}` : value;
}

const grouped = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const scalar = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
const fields = (r: ContextToolResult) =>
  r.ok && r.result && typeof r.result === 'object' && !Array.isArray(r.result)
    ? Object.entries(r.result as Record<string, unknown>)
    : [];
const field = (r: ContextToolResult, name: RegExp) =>
  fields(r).find(([k, v]) => name.test(k) && scalar(v) !== null);

function orderProblem(facts: Facts): string | null {
  const order = facts.latest.get('order_id');
  for (const call of [...facts.tools].reverse()) {
    const aboutOrder =
      /order|shipment|delivery|parcel|package/i.test(call.tool) || (order && call.key === order.value);
    const status = scalar(fields(call).find(([k]) => /status|state/i.test(k))?.[1]);
    if (!aboutOrder || !status || !PROBLEM_STATUS.test(status)) continue;
    const id = call.key ?? order?.value;
    const date = field(call, DATE_FIELD);
    const when = date ? ` to ${shortDate(String(date[1]))}` : '';
    const remedy = /lost/i.test(status)
      ? 'offer a replacement or refund'
      : 'offer expedited reshipment or refund';
    return `${id ? `Order ${id}` : 'The order'} is ${status.toLowerCase()}${when}: ${remedy}.`;
  }
  return null;
}

function amountOverLimit(facts: Facts): string | null {
  const money: ContextEntity | undefined = facts.latest.get('money');
  const fromTool = facts.tools.map((c) => field(c, AMOUNT_FIELD)).find(Boolean);
  const amount = fromTool ? Number(fromTool[1]) : money ? Number(money.value) : Number.NaN;
  const toolLimit = facts.tools.map((c) => field(c, LIMIT_FIELD)).find(Boolean);
  const texts = [...facts.decision.reasons, ...facts.decision.signals.flatMap((s) => s.evidence)];
  const textLimit = texts.map((t) => LIMIT_TEXT.exec(t)?.[1]).find(Boolean);
  const limit = toolLimit
    ? Number(toolLimit[1])
    : textLimit
      ? Number(textLimit.replaceAll(',', ''))
      : Number.NaN;
  if (!(amount > limit)) return null;
  const claim = facts.latest.has('claim_id') || /claim/i.test(facts.topic?.intent ?? '');
  const currency = money?.text.match(/[$€£]/)?.[0] ?? (fromTool ? '' : '$');
  const subject = claim ? 'Claim amount' : 'The amount';
  const action = claim
    ? 'assign an adjuster and confirm the loss date'
    : 'review it and approve or decline it manually';
  return `${subject} ${currency}${grouped(amount)} is over the ${grouped(limit)} limit: ${action}.`;
}

function flowGaveUp(facts: Facts): string | null {
  const run = facts.flows.find((f) => f.status === 'gave_up');
  if (!run) return null;
  const code = facts.latest.get('error_code')?.value;
  const forCode = code && !run.label.includes(code) ? ` for ${code}` : '';
  return `The ${run.label} flow${forCode} failed after ${run.failedCycles} attempts (tried: ${run.steps.join(', ')}): do not repeat these steps; start from the next level of diagnosis.`;
}

function possibleFraud(facts: Facts): string | null {
  const { decision, topic } = facts;
  const fraud =
    decision.team === 'fraud' ||
    (topic?.tags ?? []).some((t) => /fraud/i.test(t)) ||
    decision.signals.some((s) => /fraud/i.test(s.detector) && s.score > 0);
  if (!fraud) return null;
  const card = facts.latest.get('card_number')?.value;
  return `Possible fraud: verify the customer's identity, block ${card ? `card ${card}` : 'the affected card'} and review the transactions they do not recognise.`;
}

function failedLookup(facts: Facts): string | null {
  const call = facts.tools.findLast((c) => !c.ok);
  if (!call) return null;
  const what = humanize(call.tool).toLowerCase();
  const key = call.key ?? 'the record';
  return call.error === 'not found'
    ? `No ${what} record was found for ${key}: confirm the number with the customer.`
    : `The ${what} lookup failed (${call.error ?? 'error'}): check ${key} in the back-office system directly.`;
}

function topicDefault(facts: Facts): string | null {
  const { topic } = facts;
  if (!topic) return null;
  const gave = keyEntityList(facts);
  const about = `${topic.label}${gave ? ` (${gave})` : ''}`;
  if (topic.tags.some((t) => t === 'sales' || t === 'complex')) {
    return `${about}: review the customer's situation and prepare a personal quote; the customer has already explained the request.`;
  }
  return `${about}: confirm the details above and resolve it; the customer has already explained the request.`;
}

/** The rules in order; the first that applies wins. */
export const nextStepRules: readonly NextStepRule[] = [
  {
    id: 'emergency',
    suggest: (f) =>
      f.decision.emergency
        ? 'Emergency: make sure the customer is safe and has the emergency instructions the bot gave, then act at once.'
        : null,
  },
  { id: 'order_problem', suggest: orderProblem },
  { id: 'amount_over_limit', suggest: amountOverLimit },
  { id: 'flow_gave_up', suggest: flowGaveUp },
  { id: 'possible_fraud', suggest: possibleFraud },
  { id: 'failed_lookup', suggest: failedLookup },
  { id: 'topic', suggest: topicDefault },
  {
    id: 'unknown_request',
    suggest: () =>
      'The bot could not tell what the customer needs: read the transcript, then ask one open question.',
  },
];

/** Suggests what the agent should do first, by the first rule that applies; frustration adds a lead-in. */
export function suggestNextStep(facts: Facts): NextStep {
  const found = firstRule(facts);
  const { transfer } = facts;
  if (!transfer) return found;
  // A transfer's note is what the receiving team reads first: it knows what happened since the bot's handoff.
  const from = transfer.fromTeamName ? ` from ${transfer.fromTeamName}` : '';
  const note = transfer.note.trim().replace(/[\s.]+$/, '');
  return {
    rule: 'transfer_note',
    text: `${transfer.by} transferred this${from}: "${note}". Start there. Before that: ${found.text}`,
  };
}

function firstRule(facts: Facts): NextStep {
  for (const rule of nextStepRules) {
    const text = rule.suggest(facts);
    if (!text) continue;
    const { trend, lowest } = facts.sentiment;
    const upset = trend === 'worsening' || (lowest !== null && lowest <= -0.5);
    return { rule: rule.id, text: upset ? `The customer is upset: acknowledge it first. ${text}` : text };
  }
  return { rule: 'none', text: 'Read the transcript and take over.' };
}
