import type { FlowMemory } from '../protocol/bot-memory.ts';
import type { Entity, FlowStatus } from '../protocol/bot-turn.ts';
import type { PackFlow, PackFlowStep, Template } from '../protocol/pack.ts';

/** How a customer's reply to a flow step reads. */
export type ReplyOutcome = 'success' | 'failure' | 'neutral';

/** The result of one flow turn: the next memory, what to say, and how the reply was read. */
export type FlowResult = {
  memory: FlowMemory;
  say: Template;
  outcome: ReplyOutcome | 'started';
  status: FlowStatus;
};

/** What the flow says when the pack's flow does not say it itself ({{missing}}: the documents still missing). */
export type FlowWording = { completed: string; gaveUp: string; reminder: string; documentsMissing: string };

/** A customer reply as a flow reads it: text, entities, and the documents sent with it (by the kind they were sent for). */
export type FlowReply = {
  text: string;
  entities: readonly Entity[];
  documents?: readonly { kind: string | null }[];
};

/** Success phrases every flow understands on top of its own. */
export const defaultSuccessPhrases = [
  'that worked',
  'it worked',
  'worked',
  'works now',
  'working now',
  'its working',
  'it works',
  'fixed it',
  'fixed',
  'solved',
  'resolved',
  'that did it',
  'did the trick',
  'all good',
  'sorted',
  'that helped',
  'problem gone',
  'error is gone',
  'error gone',
  'back to normal',
  'good now',
  'perfect',
];
/** Failure phrases every flow understands on top of its own. */
export const defaultFailurePhrases = [
  'still',
  'didnt work',
  'did not work',
  'doesnt work',
  'does not work',
  'not working',
  'didnt help',
  'did not help',
  'doesnt help',
  'no luck',
  'same thing',
  'same error',
  'same problem',
  'same issue',
  'same message',
  'no change',
  'nothing changed',
  'didnt fix',
  'not fixed',
  'no difference',
  'nope',
  'keeps happening',
  'happening again',
  'no good',
  'failed',
  'broken',
  'no dice',
  'did nothing',
  'didnt do anything',
  'doesnt do anything',
  'did not do anything',
  'made no difference',
  'makes no difference',
  'nothing happened',
  'nothing happens',
  'still the same',
  'unchanged',
  'still there',
  'still happening',
  'got worse',
  'even worse',
  'no joy',
  'same result',
  'error again',
  'came back',
  'back again',
  'didnt change anything',
  'no improvement',
];
/** A reply that opens with a plain "no" answers the step's "did that fix it?" (unless it also says it works). */
const LEADING_NO =
  /^ (?:no|nah|nope|negative|not really|not yet|not at all|unfortunately not)(?: (?:it|that|its|thats|still|same|didnt|doesnt|not|sorry|unfortunately|luck|change|good|way)\b.*)? $/;
const NEGATORS = new Set([
  'not',
  'didnt',
  'hasnt',
  'havent',
  'isnt',
  'wasnt',
  'never',
  'no',
  'doesnt',
  'nothing',
]);

const normalise = (text: string): string =>
  ` ${text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

/** Where a phrase occurs as whole words, or -1. */
const findPhrase = (haystack: string, phrase: string): number => haystack.indexOf(normalise(phrase));

/** Reads a reply against a step's expectations: negated success and failure phrases win over success. */
export function readReply(
  flow: PackFlow,
  stepId: string,
  reply: { text: string; entities: readonly Entity[] },
): ReplyOutcome {
  const step = flow.steps.find((s) => s.id === stepId);
  const expect = step?.expect ?? flow.expect;
  const text = normalise(reply.text);
  const success = [...expect.success, ...defaultSuccessPhrases];
  const failure = [...expect.failure, ...defaultFailurePhrases];
  for (const phrase of success) {
    const at = findPhrase(text, phrase);
    if (at < 0) continue;
    const before = text.slice(0, at).trim().split(' ').slice(-2);
    // "no" right before a success phrase is "no worries, it works"; "not fixed", "hasn't worked" negate it
    if (before.some((w) => NEGATORS.has(w) && w !== 'no')) return 'failure';
  }
  const codes = new Set(flow.trigger.errorCodes.map((c) => c.toUpperCase()));
  if (reply.entities.some((e) => e.type === 'error_code' && codes.has(e.value.toUpperCase())))
    return 'failure';
  if (failure.some((p) => findPhrase(text, p) >= 0)) return 'failure';
  if (success.some((p) => findPhrase(text, p) >= 0)) return 'success';
  if (LEADING_NO.test(text)) return 'failure';
  if (expect.entities.length > 0 && reply.entities.some((e) => expect.entities.includes(e.type)))
    return 'success';
  return 'neutral';
}

/** Each kind a documents step asks for, with how many arrived so far. */
export function documentsStatus(step: PackFlowStep, received: Record<string, number>) {
  return (step.documents ?? []).map((d) => ({
    kind: d.kind,
    label: d.label,
    needed: d.count,
    received: Math.min(d.count, received[d.kind] ?? 0),
  }));
}

const statusOf = (flow: PackFlow, memory: FlowMemory): FlowStatus => {
  const step = flow.steps.find((s) => s.id === memory.step);
  return {
    flow: flow.id,
    step: memory.step,
    failedCycles: memory.failedCycles,
    maxCycles: flow.maxCycles,
    status: memory.status,
    ...(step?.kind === 'documents' &&
      memory.status === 'active' && { documents: documentsStatus(step, memory.received ?? {}) }),
  };
};

/**
 * Files the documents of a reply under the kinds a step asks for: a document sent for a kind counts there, one
 * sent without a kind fills the first kind still missing; the rest count nowhere.
 */
export function fileDocuments(
  step: PackFlowStep,
  received: Record<string, number>,
  sent: readonly { kind: string | null }[],
): Record<string, number> {
  const next = { ...received };
  const asked = step.documents ?? [];
  for (const doc of sent) {
    const kind =
      asked.find((d) => d.kind === doc.kind)?.kind ??
      (doc.kind === null ? asked.find((d) => (next[d.kind] ?? 0) < d.count)?.kind : undefined);
    if (kind) next[kind] = (next[kind] ?? 0) + 1;
  }
  return next;
}

/** The documents still missing, in words ("2 payslips" is "payslip (2)"). */
function describeMissing(step: PackFlowStep, received: Record<string, number>): string {
  return documentsStatus(step, received)
    .filter((d) => d.received < d.needed)
    .map((d) => (d.needed - d.received > 1 ? `${d.label} (${d.needed - d.received})` : d.label))
    .join(', ');
}

/** Starts a flow at its first step. */
export function startFlow(flow: PackFlow, turn: number): FlowResult {
  const first = flow.steps[0]!;
  const memory: FlowMemory = {
    flow: flow.id,
    step: first.id,
    failedCycles: 0,
    status: 'active',
    startedTurn: turn,
    received: {},
  };
  return { memory, say: first.say, outcome: 'started', status: statusOf(flow, memory) };
}

/** The pseudo step of a resumed flow that asks whether the fix a person gave earlier still works. */
export const PERSON_FIX_STEP = 'person_fix';

/** Where a flow stood when a person took it over (a settled topic's `flow`). */
export type SettledFlow = { step: string; status: FlowMemory['status'] };

/** How a flow resumes after a person worked on it: the steps already tried, and what comes next. */
export type ResumedFlow = FlowResult & {
  tried: string[];
  next: 'untried_step' | 'person_fix' | 'gave_up';
};

/**
 * Resumes a flow a person worked on before handing the conversation back: the steps tried before are never
 * repeated (they count as failed cycles); the first untried step comes next, else the person's fix is asked
 * about (when they wrote one), else the flow gives up at once so a person is brought back in.
 */
export function resumeFlow(flow: PackFlow, settled: SettledFlow, hasFix: boolean, turn: number): ResumedFlow {
  const at = flow.steps.findIndex((s) => s.id === settled.step);
  const triedAll = settled.step === PERSON_FIX_STEP || settled.status !== 'active' || at < 0;
  const reached = triedAll ? flow.steps.length : at + 1;
  const tried = flow.steps.slice(0, reached).map((s) => s.id);
  const untried = flow.steps[reached];
  const base = { flow: flow.id, startedTurn: turn, received: {} };
  const result = (memory: FlowMemory, say: Template, next: ResumedFlow['next']): ResumedFlow => ({
    memory,
    say,
    outcome: 'started',
    status: statusOf(flow, memory),
    tried,
    next,
  });
  const failed = Math.min(tried.length, flow.maxCycles - 1);
  if (untried) {
    return result(
      { ...base, step: untried.id, failedCycles: failed, status: 'active' },
      untried.say,
      'untried_step',
    );
  }
  if (hasFix) {
    return result(
      { ...base, step: PERSON_FIX_STEP, failedCycles: Math.max(0, flow.maxCycles - 1), status: 'active' },
      '',
      'person_fix',
    );
  }
  const last = tried.at(-1) ?? flow.steps[0]!.id;
  return result({ ...base, step: last, failedCycles: flow.maxCycles, status: 'gave_up' }, '', 'gave_up');
}

/** Moves a running flow on by one customer reply: success completes (or goes on), failure counts a cycle. */
export function runFlow(
  flow: PackFlow,
  memory: FlowMemory,
  reply: FlowReply,
  wording: FlowWording,
): FlowResult {
  const index = flow.steps.findIndex((s) => s.id === memory.step);
  const step = flow.steps[index];
  // The person's fix is the last thing to try: it is not one of the flow's steps and nothing follows it.
  const personFix = memory.step === PERSON_FIX_STEP;
  if ((!step && !personFix) || memory.status !== 'active') return startFlow(flow, memory.startedTurn);
  let outcome = readReply(flow, memory.step, reply);
  let current = memory;
  if (step?.kind === 'documents') {
    // Documents move the step on; words only count when they say the customer cannot send them.
    const received = fileDocuments(step, memory.received ?? {}, reply.documents ?? []);
    current = { ...memory, received };
    const missing = describeMissing(step, received);
    if (!missing) outcome = 'success';
    else if (outcome !== 'failure') {
      const say = wording.documentsMissing.replaceAll('{{missing}}', missing);
      return { memory: current, say, outcome: 'neutral', status: statusOf(flow, current) };
    }
  }
  const done = (next: FlowMemory, say: Template): FlowResult => ({
    memory: next,
    say,
    outcome,
    status: statusOf(flow, next),
  });
  memory = current;

  if (outcome === 'neutral') return done(memory, step?.reminder ?? flow.reminder ?? wording.reminder);
  if (outcome === 'success') {
    // A documents step goes on to the following step once everything arrived; a reply step's success ends the flow.
    const next = step?.onSuccess
      ? flow.steps.find((s) => s.id === step.onSuccess)
      : step?.kind === 'documents'
        ? flow.steps[index + 1]
        : undefined;
    if (next) return done({ ...memory, step: next.id }, next.say);
    return done({ ...memory, status: 'completed' }, flow.completed ?? wording.completed);
  }
  const failedCycles = memory.failedCycles + 1;
  const next = !step
    ? undefined
    : step.next
      ? flow.steps.find((s) => s.id === step.next)
      : flow.steps[index + 1];
  if (failedCycles >= flow.maxCycles || !next) {
    return done({ ...memory, failedCycles, status: 'gave_up' }, flow.gaveUp ?? wording.gaveUp);
  }
  return done({ ...memory, failedCycles, step: next.id }, next.say);
}
