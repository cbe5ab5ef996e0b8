import type { BotTurn } from '../protocol/bot-turn.ts';
import type { Message } from '../protocol/conversation.ts';
import type { BuildContextInput, HandoffDecision, PackInfo, TurnRecord } from './build-context-package.ts';

/** Test data: two handoffs (a bank refinance, an E202 troubleshooting dead end) as stored turns and messages. */

/** A bot turn with neutral defaults. */
export function botTurn(fields: Partial<BotTurn> & Pick<BotTurn, 'turn' | 'text'>): BotTurn {
  return {
    intent: null,
    confidence: 0,
    ranking: [],
    outOfScope: false,
    entities: [],
    sentiment: { score: 0, cues: [] },
    article: null,
    flow: null,
    tools: [],
    reply: null,
    replyKind: 'none',
    error: null,
    ...fields,
  };
}

/** A decision with neutral defaults. */
export function decision(
  fields: Partial<HandoffDecision> & Pick<HandoffDecision, 'rule' | 'team'>,
): HandoffDecision {
  return {
    kind: 'handoff',
    priority: 'normal',
    mode: 'warm',
    risk: 0.8,
    reasons: [],
    signals: [],
    emergency: false,
    ...fields,
  };
}

/** Messages from [author, text] pairs, one a minute. */
export function messages(entries: [Message['authorKind'] | 'note', string][]): BuildContextInput['messages'] {
  return entries.map(([author, text], i) => ({
    seq: i + 1,
    authorKind: author === 'note' ? 'agent' : author,
    text,
    internal: author === 'note',
    createdAt: new Date(Date.UTC(2026, 2, 1, 10, i)).toISOString(),
  }));
}

const records = (turns: BotTurn[], seqs: number[]): TurnRecord[] =>
  turns.map((t, i) => ({ turn: t.turn, messageSeq: seqs[i] ?? null, botTurn: t }));

export const bankPack: PackInfo = {
  id: 'bank',
  name: 'Harbor Community Bank',
  teams: [
    { id: 'support', name: 'Customer Support' },
    { id: 'loans', name: 'Lending' },
    { id: 'fraud', name: 'Fraud Prevention' },
  ],
  intents: [
    {
      id: 'human_request',
      description: 'The customer asks for a person instead of the bot.',
      tags: ['handoff'],
    },
    {
      id: 'mortgage_refinance',
      description: 'Mortgages, refinancing and home loans; a loan officer handles these.',
      tags: ['sales', 'complex'],
    },
    { id: 'report_fraud', tags: ['risk:fraud', 'urgent'] },
    { id: 'greeting', tags: ['smalltalk'] },
  ],
};

/** A customer who wants to refinance, gives the balance and a card, and asks for a loan officer. */
export function refinanceInput(): BuildContextInput {
  const turns = [
    botTurn({
      turn: 1,
      text: 'hi',
      intent: 'greeting',
      confidence: 0.95,
      replyKind: 'intent',
      reply: 'Hello!',
    }),
    botTurn({
      turn: 2,
      text: 'I want to refinance my mortgage. I still owe $320,000 and my rate is 6.8%.',
      intent: 'mortgage_refinance',
      confidence: 0.91,
      entities: [{ type: 'money', value: '320000', text: '$320,000' }],
      sentiment: { score: 0.1, cues: [] },
      replyKind: 'intent',
      reply: 'Refinancing depends on your credit, home value and current loan...',
      topic: 'mortgage_refinance',
    }),
    botTurn({
      turn: 3,
      text: 'Can I talk to a loan officer today? Card on file is 4111 1111 1111 1111.',
      intent: 'human_request',
      confidence: 1,
      entities: [{ type: 'card_number', value: '****1111', text: '4111 1111 1111 1111' }],
      sentiment: { score: 0, cues: [] },
      replyKind: 'intent',
      reply: "Of course. I'll bring in one of our bankers.",
      topic: 'mortgage_refinance',
    }),
  ];
  return {
    conversation: { id: 'conv_refi', customerId: 'cus_ana', channel: 'web', pack: 'bank' },
    customer: {
      name: 'Ana Silva',
      email: 'ana.silva@example.com',
      externalId: 'hb-1001',
      tier: 'gold',
      attributes: { segment: 'retail', phone: '(555) 123-4567', ssn: '123-45-6789' },
    },
    messages: messages([
      ['customer', 'hi'],
      ['bot', 'Hello!'],
      ['customer', 'I want to refinance my mortgage. I still owe $320,000 and my rate is 6.8%.'],
      ['bot', 'Refinancing depends on your credit, home value and current loan...'],
      ['customer', 'Can I talk to a loan officer today? Card on file is 4111 1111 1111 1111.'],
      ['bot', "Of course. I'll bring in one of our bankers."],
      ['note', 'internal: VIP, be quick'],
    ]),
    turns: records(turns, [1, 3, 5]),
    decision: decision({
      rule: 'topic_needs_person',
      team: 'loans',
      reasons: [
        'Mortgages and refinancing are handled by a loan officer.',
        'The customer asked for a person.',
      ],
      signals: [
        { detector: 'explicit_request', score: 1, evidence: ['"Can I talk to a loan officer today?"'] },
        { detector: 'topic', score: 0.9, evidence: ['intent mortgage_refinance (tags: sales, complex)'] },
        { detector: 'sentiment', score: 0, evidence: [] },
      ],
    }),
    pack: bankPack,
    now: new Date('2026-03-01T10:07:00Z'),
  };
}

const flowAt = (step: string, failedCycles: number, status: 'active' | 'gave_up' = 'active') => ({
  flow: 'router_e202',
  step,
  failedCycles,
  maxCycles: 3,
  status,
});

/** A router showing E202 that three troubleshooting cycles do not fix. */
export function e202Input(): BuildContextInput {
  const turns = [
    botTurn({
      turn: 1,
      text: 'My router shows error E202 and the internet is down',
      intent: 'no_internet',
      confidence: 0.88,
      entities: [{ type: 'error_code', value: 'E202', text: 'E202' }],
      sentiment: { score: -0.1, cues: [] },
      flow: flowAt('restart_router', 0),
      tools: [{ tool: 'line_status', key: null, ok: true, result: { line: 'up', outage: false }, ms: 3 }],
      replyKind: 'flow',
      topic: 'no_internet',
    }),
    botTurn({
      turn: 2,
      text: 'still E202',
      entities: [{ type: 'error_code', value: 'E202', text: 'E202' }],
      flow: flowAt('check_cables', 1),
      replyKind: 'flow',
      topic: 'no_internet',
    }),
    botTurn({ turn: 3, text: 'did that, same error', flow: flowAt('factory_reset', 2), replyKind: 'flow' }),
    botTurn({
      turn: 4,
      text: 'still not working, this is ridiculous',
      sentiment: { score: -0.6, cues: ['ridiculous'] },
      flow: flowAt('factory_reset', 3, 'gave_up'),
      replyKind: 'flow',
      topic: 'no_internet',
    }),
  ];
  return {
    conversation: { id: 'conv_e202', customerId: 'cus_bo', channel: 'web', pack: 'isp' },
    customer: {
      name: 'Bo Chen',
      email: null,
      externalId: null,
      tier: 'standard',
      attributes: { plan: 'fiber-500' },
    },
    messages: messages(
      turns.flatMap((t): [Message['authorKind'], string][] => [
        ['customer', t.text],
        ['bot', `step ${t.flow?.step}`],
      ]),
    ),
    turns: records(turns, [1, 3, 5, 7]),
    decision: decision({
      rule: 'flow_gave_up',
      team: 'tech',
      priority: 'high',
      reasons: ['Troubleshooting did not fix the problem after 3 tries.'],
      signals: [
        { detector: 'flow_failure', score: 1, evidence: ['router_e202: 3 of 3 cycles failed'] },
        { detector: 'sentiment', score: 0.6, evidence: ['"ridiculous"'] },
      ],
    }),
    pack: {
      id: 'isp',
      teams: [
        { id: 'support', name: 'Customer Support' },
        { id: 'tech', name: 'Technical Support' },
      ],
      intents: [{ id: 'no_internet', description: 'No internet connection at home.' }],
    },
    now: '2026-03-01T10:09:00.000Z',
  };
}
