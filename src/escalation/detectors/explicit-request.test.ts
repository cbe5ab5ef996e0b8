import { describe, expect, it } from 'vitest';
import { toEscalationPack } from '../escalation-pack.ts';
import { makePack } from '../fixtures/make-turn.ts';
import { tokenize } from '../text/tokenize.ts';
import { readExplicitRequest } from './explicit-request.ts';

const pack = toEscalationPack(
  makePack({
    detectors: { explicitRequest: { roles: { coordinator: 'care', 'front desk': 'care', nurse: 'nurse' } } },
  }),
);
const read = (text: string) => readExplicitRequest(pack, tokenize(text));

describe('explicit request', () => {
  it.each([
    ['agent', 1, undefined],
    ['AGENT', 1, undefined],
    ['human please', 1, undefined],
    ['representative!!', 1, undefined],
    ['can I talk to a real person please', 1, undefined],
    ['please connect me to an agent', 1, undefined],
    ['is anyone real there?', 0.9, undefined],
    ['hello?? is anybody actually there', 0.9, undefined],
    ["I'd like to speak with a coordinator please, not a bot", 1, 'care'],
    ['front desk please', 1, 'care'],
    ['could I talk to a nurse about my fever?', 1, 'nurse'],
    ["I don't want to talk to a bot", 1, undefined],
    ['stop, I want a person', 1, undefined],
    ['your app corrupted my file, I need someone NOW', 0.9, undefined],
    ['I would rather deal with a human being', 1, undefined],
    ['can someone help me with this', 0.8, undefined],
    ['transfer me to customer service', 1, undefined],
    ['are you a bot?', 0.5, undefined],
    ['can I speak with an insurance agent', 1, undefined],
    ['I want to ask the nurse whether this rash needs to be seen', 1, 'nurse'],
    ['i need a humen', 1, undefined],
    ['agnet', 1, undefined],
    ['pls conect me wit sum1', 0.9, undefined],
    ['could I have a word with somebody from your team', 0.9, undefined],
    ['how can I get in touch with support staff', 1, undefined],
    ['put me through to customer care', 1, undefined],
    ['need customer service', 1, undefined],
    ['get me someone', 0.9, undefined],
    ['somebody help', 0.8, undefined],
    ['who can I talk to about this', 0.9, undefined],
    ['can I speak to whoever is in charge', 0.9, undefined],
  ])('"%s" asks for a person (%s)', (text, score, team) => {
    const found = read(text);
    expect(found?.score).toBe(score);
    expect(found?.team).toBe(team);
  });

  it.each([
    'do you have a human resources department? I want to apply for a job',
    "I'm talking to an agent of yours about my mortgage, what's the wire cutoff?",
    "I'm thinking of becoming an insurance agent",
    'my insurance agent told me to ask you about windshield cover',
    'someone is using my card!',
    'I need to see a doctor about my knee',
    "I don't need a real person, just tell me the hours",
    'how do I invite someone to my workspace?',
    'I need one more thing: the routing number',
    'we need our team to have access to the reports',
    'I talked to an agent yesterday and she said it was fine',
    'human error on my part, I typed the wrong amount',
    'I asked an agent at the branch and she said to check online',
    'is the driver a real person or a robot?',
    'who do I talk to about reserving the clubhouse?',
    'is this email about a free meal real?',
    'who do I contact in human resources about a job?',
    'can I get someone added to my account',
    'the steak was cold, can you talk me through a refund',
  ])('"%s" is not a request', (text) => {
    expect(read(text)).toBeNull();
  });
});
