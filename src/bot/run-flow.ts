import type { FlowMemory } from '../protocol/bot-memory.ts';
import type { Entity, FlowStatus } from '../protocol/bot-turn.ts';
import type { PackFlow, Template } from '../protocol/pack.ts';

/** How a customer's reply to a flow step reads. */
export type ReplyOutcome = 'success' | 'failure' | 'neutral';

/** The result of one flow turn: the next memory, what to say, and how the reply was read. */
export type FlowResult = {
  memory: FlowMemory;
  say: Template;
  outcome: ReplyOutcome | 'started';
  status: FlowStatus;
};

/** What the flow says when the pack's flow does not say it itself. */
export type FlowWording = { completed: string; gaveUp: string; reminder: string };

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

const statusOf = (flow: PackFlow, memory: FlowMemory): FlowStatus => ({
  flow: flow.id,
  step: memory.step,
  failedCycles: memory.failedCycles,
  maxCycles: flow.maxCycles,
  status: memory.status,
});

/** Starts a flow at its first step. */
export function startFlow(flow: PackFlow, turn: number): FlowResult {
  const first = flow.steps[0]!;
  const memory: FlowMemory = {
    flow: flow.id,
    step: first.id,
    failedCycles: 0,
    status: 'active',
    startedTurn: turn,
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
  const base = { flow: flow.id, startedTurn: turn };
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
  reply: { text: string; entities: readonly Entity[] },
  wording: FlowWording,
): FlowResult {
  const index = flow.steps.findIndex((s) => s.id === memory.step);
  const step = flow.steps[index];
  // The person's fix is the last thing to try: it is not one of the flow's steps and nothing follows it.
  const personFix = memory.step === PERSON_FIX_STEP;
  if ((!step && !personFix) || memory.status !== 'active') return startFlow(flow, memory.startedTurn);
  const outcome = readReply(flow, memory.step, reply);
  const done = (next: FlowMemory, say: Template): FlowResult => ({
    memory: next,
    say,
    outcome,
    status: statusOf(flow, next),
  });

  if (outcome === 'neutral') return done(memory, step?.reminder ?? flow.reminder ?? wording.reminder);
  if (outcome === 'success') {
    const next = step?.onSuccess ? flow.steps.find((s) => s.id === step.onSuccess) : undefined;
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
