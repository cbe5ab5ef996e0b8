/** What simulated customers of one demo pack say: questions the bot answers and ones that need a person. */
export type PackScript = {
  /** Share of all simulated traffic. */
  weight: number;
  /** The team whose opening hours most customers keep to. */
  team: string;
  everyday: string[];
  /** A second question after a first answer. */
  followUps: string[];
  handoff: string[];
};

/** Everyday questions, follow-ups and handoff-worthy requests per demo pack (written for the simulator). */
export const packScripts: Record<string, PackScript> = {
  bank: {
    weight: 3,
    team: 'support',
    everyday: [
      'what is my checking balance right now?',
      'how do I lock my debit card? I can not find it anywhere',
      'is the main street branch open on saturdays?',
      'what is your routing number for direct deposit?',
      'how much does it cost to send a wire abroad?',
      'can I see my last few transactions?',
      'what interest does the high yield savings account pay?',
      'how can I open a second checking account online?',
      'I forgot my online banking password, how do I get back in?',
      'what is the maximum I can transfer between my accounts per day?',
    ],
    followUps: [
      'and how long does that usually take?',
      'do I need to visit a branch for that?',
      'ok, and what about weekends?',
      'is there a fee for that?',
    ],
    handoff: [
      'someone used my card for purchases in another country, I never made these charges!',
      'I want to refinance my mortgage and consolidate my car loan, what rate could I get with a 700 score?',
      'I lost my job and can not make my loan payment this month, what are my options?',
      'can I talk to a real person please',
      'I need to speak to someone about a jumbo mortgage for a second home',
      'I got a text asking for my pin and I gave it to them, I think I was scammed',
      'I keep getting charged overdraft fees I do not understand, this is ridiculous, I want a person',
    ],
  },
  clinic: {
    weight: 2,
    team: 'coordinators',
    everyday: [
      'when is my next appointment?',
      'what are your hours on saturday?',
      'I need to book a check up for next month',
      'what should I bring to my first visit?',
      'do you take Blue Cross insurance?',
      'can I do a video visit instead of coming in?',
      'where do I park when I come to the clinic?',
      'how do I get a copy of my medical records?',
      'I need to cancel my appointment on friday',
      'do you have flu shots available?',
    ],
    followUps: [
      'any morning next week works for me',
      'and do I need a referral for that?',
      'ok, is there anything else I should know?',
      'can I do that online?',
    ],
    handoff: [
      'I have crushing chest pain and my left arm feels numb',
      'my insurance denied the claim for my MRI saying it was not authorized, who can help me?',
      'I would like to speak with a coordinator, not a bot',
      'my son has had a fever of 104 for two days and he is very drowsy, what should we do?',
      'my new plan says you are out of network but my surgery is next week, I need help',
      'I have had numbness in my hands for weeks and now blurry vision, what doctor should I see?',
    ],
  },
  insurance: {
    weight: 2,
    team: 'service',
    everyday: [
      'when is my next premium due?',
      'how do I add my daughter to my car insurance?',
      'does my policy cover a cracked windshield?',
      'what is the status of claim CL-1001?',
      'how do I get proof of insurance for the DMV?',
      'I moved, how do I change my address on the policy?',
      'what is my deductible for collision?',
      'can you send me a tow truck? my car broke down on the highway',
      'how do I change the card used for my payments?',
      'can I get a quote for renters insurance?',
    ],
    followUps: [
      'how long does that take?',
      'ok and is there any extra cost?',
      'can I do it in the app?',
      'thanks, and what documents do you need?',
    ],
    handoff: [
      'I was rear-ended this morning and my passenger went to the hospital',
      'a pipe burst and flooded my whole basement, the damage is probably over 25k',
      'my claim CL-1002 has been stuck for two months and nobody calls me back, this is unacceptable',
      'please connect me to an agent',
      'the other driver says they are suing me after our accident, what do I do?',
      'a storm tore part of my roof off and rain is coming in',
    ],
  },
  retail: {
    weight: 3,
    team: 'customer_care',
    everyday: [
      'where is my order A1001?',
      'what is your return policy for jackets?',
      'how long does shipping to Texas take?',
      'do you price match?',
      'can I pay with PayPal?',
      'is the trail runner shoe in stock in size 10?',
      'my promo code is not working at checkout',
      'how do I start a return?',
      'when will I get my refund?',
      'does the tent have a warranty?',
    ],
    followUps: [
      'and is shipping free for that?',
      'ok, how long does it take?',
      'can I do that in a store too?',
      'thanks, what about exchanges?',
    ],
    handoff: [
      'I bought the Aurora X2 headphones 4 days ago and OutdoorMart sells them for $35 less now, can you match it?',
      'my order A1004 was supposed to be here last week, it is a gift and I need it',
      'tracking for order A1005 has not moved in two weeks',
      'the stove I bought caught fire and burned my hand',
      'this is the third broken delivery in a row, I want to file a formal complaint',
      'agent please',
      'I will dispute this with my bank if you do not refund me today',
    ],
  },
  software: {
    weight: 2,
    team: 'l1',
    everyday: [
      'how do I reset my password?',
      'what is the difference between Pro and Team?',
      'how do I invite a colleague to my workspace?',
      'how do I turn on two factor authentication?',
      'can I export my projects to CSV?',
      'how do I upgrade to the Team plan?',
      'where do I find my API key?',
      'I am getting error E202 when I sync',
      'how do I make someone an admin?',
      'what plan am I on?',
    ],
    followUps: [
      'ok that worked, thanks!',
      'and can I undo that later?',
      'does that cost extra?',
      'great, and on mobile too?',
    ],
    handoff: [
      'nothing loads for anyone in our company, the whole app is down',
      'I was charged twice for the annual plan, I need one refunded',
      'your app deleted my project and I have a deadline in two hours, I need someone now',
      'does your on-prem edition support SAML with our own certificate authority?',
      'I think someone else logged into my account and changed my email',
      'can I speak to a human',
    ],
  },
};

/** What customers say to an agent, and agents to customers, while a person handles the conversation. */
export const conversationLines = {
  closing: ['thanks, that is all', 'great, thank you!', 'perfect, bye', 'ok thanks'],
  toAgent: [
    'thank you for taking this',
    'yes, that is right',
    'ok, I can wait a moment',
    'I already tried that, it did not help',
    'sure, here you go',
  ],
  fromAgent: [
    "Hi, I'm looking at this now.",
    'Thanks for waiting. I can help with that.',
    'I see what happened; let me fix it for you.',
    'Could you confirm the details for me?',
    'That is done now. Is there anything else?',
  ],
};
