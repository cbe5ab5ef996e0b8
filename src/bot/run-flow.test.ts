import { describe, expect, it } from 'vitest';
import type { FlowMemory } from '../protocol/bot-memory.ts';
import { type PackFlow, packSchema } from '../protocol/pack.ts';
import { extractEntities } from './extract-entities.ts';
import { readReply, resumeFlow, runFlow, startFlow } from './run-flow.ts';

const wording = {
  completed: 'Glad it works!',
  gaveUp: 'Sorry, passing you on.',
  reminder: 'Did that work?',
  documentsMissing: 'Still need: {{missing}}.',
};

const flow: PackFlow = packSchema.shape.flows.unwrap().element.parse({
  id: 'fix_e202',
  trigger: { errorCodes: ['E202'] },
  maxCycles: 3,
  steps: [
    { id: 'clear_cache', say: 'Clear the cache.' },
    { id: 'sign_in', say: 'Sign out and in.' },
    { id: 'reinstall', say: 'Reinstall the app.' },
  ],
  expect: { success: ['sync is back'], failure: ['nada'] },
});

const reply = (text: string) => ({ text, entities: extractEntities(text) });

/** Feeds replies to a started flow and returns each result. */
function play(replies: string[]) {
  let memory: FlowMemory = startFlow(flow, 1).memory;
  return replies.map((text) => {
    const result = runFlow(flow, memory, reply(text), wording);
    memory = result.memory;
    return result;
  });
}

describe('readReply', () => {
  it.each([
    ['ok I cleared the cache, still E202', 'failure'],
    ['signed out and back in, same thing', 'failure'],
    ['reinstalled the app, STILL getting the error', 'failure'],
    ["tried that, didn't work", 'failure'],
    ["also didn't help", 'failure'],
    ['E202 again', 'failure'],
    ["that hasn't fixed it", 'failure'],
    ['nada', 'failure'],
    ['restart did nothing', 'failure'],
    ['made no difference', 'failure'],
    ['no', 'failure'],
    ['nah, same', 'failure'],
    ['no worries, it works now', 'success'],
    ['no clue yet', 'neutral'],
    ['ok clearing the cache fixed it, thanks!', 'success'],
    ['that worked', 'success'],
    ['sync is back', 'success'],
    ['works now :)', 'success'],
    ['ok, give me a minute', 'neutral'],
    ['where do I find the settings?', 'neutral'],
  ] as const)('%s -> %s', (text, outcome) => {
    expect(readReply(flow, 'clear_cache', reply(text))).toBe(outcome);
  });

  it('counts an expected entity as success', () => {
    const booking = { ...flow, expect: { success: [], failure: [], entities: ['date'] } };
    expect(readReply(booking, 'clear_cache', reply('any tuesday works'))).toBe('success');
  });
});

describe('runFlow', () => {
  it('starts at the first step', () => {
    const started = startFlow(flow, 2);
    expect(started.say).toBe('Clear the cache.');
    expect(started.status).toEqual({
      flow: 'fix_e202',
      step: 'clear_cache',
      failedCycles: 0,
      maxCycles: 3,
      status: 'active',
    });
    expect(started.memory.startedTurn).toBe(2);
  });

  it('walks the steps on failures and gives up at maxCycles', () => {
    const results = play(['still E202', 'same thing', 'STILL getting E202']);
    expect(results.map((r) => [r.status.step, r.status.failedCycles, r.status.status, r.say])).toEqual([
      ['sign_in', 1, 'active', 'Sign out and in.'],
      ['reinstall', 2, 'active', 'Reinstall the app.'],
      ['reinstall', 3, 'gave_up', 'Sorry, passing you on.'],
    ]);
  });

  it('completes on a success reply', () => {
    const [result] = play(['that worked, thanks']);
    expect(result?.status.status).toBe('completed');
    expect(result?.say).toBe('Glad it works!');
  });

  it('stays on the step and reminds on a neutral reply', () => {
    const [first, second] = play(['ok trying now', "didn't work"]);
    expect(first?.status).toMatchObject({ step: 'clear_cache', failedCycles: 0, status: 'active' });
    expect(first?.say).toBe('Did that work?');
    expect(second?.status).toMatchObject({ step: 'sign_in', failedCycles: 1 });
  });

  it('gives up early when there is no next step', () => {
    const short = { ...flow, maxCycles: 5, steps: flow.steps.slice(0, 1) };
    const memory = startFlow(short, 1).memory;
    expect(runFlow(short, memory, reply('no luck'), wording).status.status).toBe('gave_up');
  });

  it('follows next and onSuccess', () => {
    const branching: PackFlow = {
      ...flow,
      steps: [
        { id: 'a', kind: 'reply', say: 'A', next: 'c', onSuccess: 'b', skipIfAnswered: false },
        { id: 'b', kind: 'reply', say: 'B', skipIfAnswered: false },
        { id: 'c', kind: 'reply', say: 'C', skipIfAnswered: false },
      ],
    };
    const memory = startFlow(branching, 1).memory;
    expect(runFlow(branching, memory, reply('no luck'), wording).say).toBe('C');
    const ok = runFlow(branching, memory, reply('that worked'), wording);
    expect([ok.say, ok.status.status]).toEqual(['B', 'active']);
  });

  it('reminds with the step, then the flow, then the default wording', () => {
    const own = { ...flow, reminder: 'Flow reminder' };
    const memory = startFlow(own, 1).memory;
    expect(runFlow(own, memory, reply('hmm'), wording).say).toBe('Flow reminder');
    const stepOwn = {
      ...own,
      steps: [{ ...own.steps[0]!, reminder: 'Step reminder' }, ...own.steps.slice(1)],
    };
    expect(runFlow(stepOwn, memory, reply('hmm'), wording).say).toBe('Step reminder');
  });

  it('uses the flow wording over the defaults', () => {
    const own = { ...flow, completed: 'Yay!', gaveUp: 'Escalating.' };
    const memory = startFlow(own, 1).memory;
    expect(runFlow(own, memory, reply('fixed it'), wording).say).toBe('Yay!');
    expect(runFlow(own, { ...memory, failedCycles: 2 }, reply('nope'), wording).say).toBe('Escalating.');
  });
});

describe('resumeFlow', () => {
  it.each([
    // where the person took over, whether they wrote a fix -> what comes next, steps tried, failed cycles
    [
      { step: 'reinstall', status: 'gave_up' },
      true,
      'person_fix',
      'person_fix',
      ['clear_cache', 'sign_in', 'reinstall'],
      2,
    ],
    [
      { step: 'reinstall', status: 'gave_up' },
      false,
      'gave_up',
      'reinstall',
      ['clear_cache', 'sign_in', 'reinstall'],
      3,
    ],
    [{ step: 'clear_cache', status: 'active' }, true, 'untried_step', 'sign_in', ['clear_cache'], 1],
    [
      { step: 'sign_in', status: 'active' },
      false,
      'untried_step',
      'reinstall',
      ['clear_cache', 'sign_in'],
      2,
    ],
    [
      { step: 'clear_cache', status: 'completed' },
      true,
      'person_fix',
      'person_fix',
      ['clear_cache', 'sign_in', 'reinstall'],
      2,
    ],
  ] as const)('from %o (fix written: %s) goes on with %s', (settled, hasFix, next, step, tried, failed) => {
    const resumed = resumeFlow(flow, settled, hasFix, 5);
    expect(resumed).toMatchObject({ next, tried });
    expect(resumed.memory).toMatchObject({ flow: 'fix_e202', step, failedCycles: failed, startedTurn: 5 });
    expect(resumed.status.status).toBe(next === 'gave_up' ? 'gave_up' : 'active');
  });

  it("asks about the person's fix: works completes, fails gives up, anything else reminds", () => {
    const { memory } = resumeFlow(flow, { step: 'reinstall', status: 'gave_up' }, true, 5);
    expect(runFlow(flow, memory, reply('that worked, thanks'), wording)).toMatchObject({
      say: 'Glad it works!',
      status: { status: 'completed' },
    });
    expect(runFlow(flow, memory, reply('still E202'), wording)).toMatchObject({
      say: 'Sorry, passing you on.',
      status: { status: 'gave_up', failedCycles: 3 },
    });
    expect(runFlow(flow, memory, reply('hmm let me see'), wording)).toMatchObject({
      say: 'Did that work?',
      memory: { step: 'person_fix', status: 'active' },
    });
  });
});

describe('a documents step', () => {
  const mortgage: PackFlow = packSchema.shape.flows.unwrap().element.parse({
    id: 'mortgage_documents',
    trigger: { intents: ['mortgage'] },
    maxCycles: 2,
    steps: [
      {
        id: 'papers',
        kind: 'documents',
        say: 'Please upload your last two payslips and a photo ID.',
        documents: [
          { kind: 'payslip', label: 'payslip', count: 2 },
          { kind: 'id_card', label: 'photo ID' },
        ],
      },
      { id: 'thanks', say: 'Do you want a call back?' },
    ],
  });
  const sent = (...kinds: (string | null)[]) => ({
    text: 'here',
    entities: [],
    documents: kinds.map((kind) => ({ kind })),
  });

  it('lists what is still missing until everything has arrived, then moves on', () => {
    const start = startFlow(mortgage, 1);
    expect(start.status.documents).toEqual([
      { kind: 'payslip', label: 'payslip', needed: 2, received: 0 },
      { kind: 'id_card', label: 'photo ID', needed: 1, received: 0 },
    ]);
    const one = runFlow(mortgage, start.memory, sent('payslip'), wording);
    expect([one.say, one.outcome, one.status.step]).toEqual([
      'Still need: payslip, photo ID.',
      'neutral',
      'papers',
    ]);
    expect(one.status.documents?.map((d) => d.received)).toEqual([1, 0]);
    const two = runFlow(mortgage, one.memory, sent('id_card'), wording);
    expect(two.say).toBe('Still need: payslip.');
    const done = runFlow(mortgage, two.memory, sent('payslip'), wording);
    expect([done.say, done.outcome, done.status.step, done.status.documents]).toEqual([
      'Do you want a call back?',
      'success',
      'thanks',
      undefined,
    ]);
  });

  it('files a document sent without a kind under the first kind still missing, and ignores kinds not asked for', () => {
    const start = startFlow(mortgage, 1);
    const r = runFlow(mortgage, start.memory, sent(null, 'utility_bill', null, null), wording);
    expect(r.memory.received).toEqual({ payslip: 2, id_card: 1 });
    expect(r.status.step).toBe('thanks');
  });

  it('words without documents remind of what is missing; "I don\'t have it" counts a failed cycle', () => {
    const start = startFlow(mortgage, 1);
    const chat = runFlow(mortgage, start.memory, { text: 'ok one moment', entities: [] }, wording);
    expect([chat.say, chat.outcome]).toEqual(['Still need: payslip (2), photo ID.', 'neutral']);
    const cannot = runFlow(mortgage, chat.memory, { text: 'that did not work', entities: [] }, wording);
    expect([cannot.outcome, cannot.memory.failedCycles]).toEqual(['failure', 1]);
  });

  it('refuses a documents step without documents, and documents on a reply step', () => {
    const parse = (step: object) =>
      packSchema.shape.flows.unwrap().element.safeParse({ id: 'f', steps: [{ id: 's', say: 'x', ...step }] })
        .success;
    expect(parse({ kind: 'documents' })).toBe(false);
    expect(parse({ documents: [{ kind: 'payslip', label: 'payslip' }] })).toBe(false);
    expect(parse({ kind: 'documents', documents: [{ kind: 'payslip', label: 'payslip' }] })).toBe(true);
  });
});
