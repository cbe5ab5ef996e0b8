/**
 * Writes labelled car-rental conversations (the scenario format plus `resolution`) for the learning curve:
 * a seeded mix of situations a rental company's support sees, each with many wordings, typos, one to four
 * customer turns, and the outcome a support lead would label. Deterministic for a seed.
 *
 *   node bin/run-ts.js scripts/car-rental-conversations.ts --count 450 --seed 7 > all.jsonl
 */
import type { LabelledConversation } from '../src/protocol/learning.ts';

type Rng = () => number;

/** mulberry32: a small seeded generator. */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const SLOTS: Record<string, readonly string[]> = {
  branch: [
    'Heathrow',
    'Gatwick',
    'Manchester airport',
    'Leeds station',
    'Bristol',
    'City Centre',
    'Glasgow',
    'Edinburgh airport',
  ],
  car: ['car', 'van', 'SUV', 'estate', 'automatic', 'hire car', 'rental'],
  amount: ['£85', '£120', '£240', '£380', '£450', '£600', '95 pounds', '300 quid', '£1,200'],
  when: ['yesterday', 'on monday', 'last week', 'on the 3rd', 'two weeks ago', 'on friday'],
  weeks: ['3 weeks', 'a month', 'over 4 weeks', 'nearly 5 weeks', '25 days', 'six weeks'],
  place: [
    'on the M25',
    'on the motorway',
    'at a petrol station',
    'in a lay-by',
    'on a country road',
    'outside my hotel',
    'at the services',
  ],
  trip: ['holiday', 'trip to france', 'road trip', 'business trip', 'weekend away'],
  date: ['next friday', 'the 14th', 'this weekend', 'july', 'christmas', 'monday'],
  bad: ['scratch', 'dent', 'scuff', 'chip in the windscreen', 'mark on the bumper'],
};

function fill(r: Rng, text: string): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => pick(r, SLOTS[k] ?? [k]));
}

/** Human noise: lower case, lost punctuation, a swapped or dropped letter. */
function roughen(r: Rng, text: string): string {
  let t = text;
  if (r() < 0.3) t = t.toLowerCase();
  if (r() < 0.25) t = t.replace(/[.?!,]/g, '');
  if (r() < 0.2) {
    const words = t.split(' ');
    const i = Math.floor(r() * words.length);
    const w = words[i]!;
    if (w.length > 4) {
      const j = 1 + Math.floor(r() * (w.length - 3));
      words[i] =
        r() < 0.5 ? w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2) : w.slice(0, j) + w.slice(j + 1);
    }
    t = words.join(' ');
  }
  return t;
}

type Outcome =
  | { handoff: false }
  | {
      handoff: true;
      turn: number;
      tolerance?: number;
      team: string;
      priority?: 'normal' | 'high' | 'urgent';
    };

/** A situation: ways to say each turn (one list per turn), the label, and what an agent answered. */
type Situation = {
  name: string;
  weight: number;
  /** Alternative scripts; each script is a list of turns, each turn a list of wordings. */
  scripts: readonly (readonly (readonly string[])[])[];
  outcome: Outcome | ((script: number) => Outcome);
  resolutions?: readonly string[];
};

const OPENERS = ['hi', 'hello', 'hey', 'good morning', 'hi there', 'hiya'];

const situations: readonly Situation[] = [
  {
    name: 'info',
    weight: 42,
    scripts: [
      [
        [
          'how much is the deposit?',
          'what deposit do you take at pick up',
          'is there a security deposit on my card',
          'do I need a credit card for the deposit',
          'how long does the deposit hold last',
          'what documents do I need to collect the car?',
          'do I need my passport to pick up the {car}',
          'what time does the {branch} desk open',
          'where is the rental desk at {branch}',
          'what is your fuel policy',
          'do I have to return it full?',
          'how much do you charge if the tank is not full',
          'how do I book a {car} for {date}',
          'can I reserve an {car} for {date}',
          'price for a small car for a week in {date}?',
          'can I add a second driver',
          'how do I add a child seat to my booking',
          'can I change my pick up date to {date}',
          'whats the cancellation policy',
          'can I cancel for free',
          'how late can I cancel',
          'how old do I have to be to rent',
          'is there a young driver fee',
          'can I rent with a foreign licence',
          'how do I use my roadway miles',
          'how many miles do I earn per rental',
          'what is gold status',
          'can I drop the car off after hours',
          'where do I leave the keys if the branch is closed',
          'can I return the car to a different branch',
          'what is the insurance excess',
          'does full cover include the windscreen',
          'can I reduce the excess to zero',
        ],
      ],
    ],
    outcome: { handoff: false },
  },
  {
    name: 'info-two-turns',
    weight: 14,
    scripts: [
      [
        OPENERS,
        [
          'I want to rent a {car} for my {trip}',
          'do you have automatics at {branch}',
          'when will my deposit be released after I return the car',
          'what do I need to bring to pick up the car',
          'is it full to full fuel?',
          'how do I extend my rental by a day',
          'how much excess do I pay if there is damage',
          'do my miles expire',
        ],
      ],
      [
        [
          'can I pick up the car early',
          'do I need an international driving permit',
          'how do I return an electric car',
          'is the airport desk open on sunday',
          'can my husband drive too',
          'what does full cover include',
        ],
        ['thanks', 'ok great thank you', 'perfect cheers', 'thanks thats all', 'ok', 'brilliant'],
      ],
    ],
    outcome: { handoff: false },
  },
  {
    name: 'annoyed-but-info',
    weight: 6,
    scripts: [
      [
        [
          'ugh your website keeps logging me out, how do I add an extra driver?',
          'the app is so slow today. where do I change my pick up time',
          'annoying that fuel is so expensive, is it full to full?',
          'bit frustrating that the desk closes so early, can I drop off after hours?',
          'honestly the prices went up a lot, is there a young driver fee as well',
          'sigh, forgot my booking number, can I still pick up with my licence?',
        ],
      ],
    ],
    outcome: { handoff: false },
  },
  {
    name: 'hypothetical',
    weight: 8,
    scripts: [
      [
        [
          'what happens if I have an accident abroad, am I covered?',
          'what should I do if the car breaks down on my {trip}?',
          'if I scratch the car how much will I pay',
          'what if I get a flat tyre, is that covered',
          'if someone damages the car while parked do I pay the excess?',
          'in case of a breakdown do you have roadside assistance',
          'what is the process if I damage the car',
          'am I charged for damage that is already on the car when I collect it?',
        ],
      ],
      [
        OPENERS,
        [
          'before I book, what happens if the car breaks down?',
          'quick question, if there is an accident who do I call',
          'just checking, are scratches covered by full cover',
          'if I lose the keys is there a charge?',
        ],
      ],
    ],
    outcome: { handoff: false },
  },
  {
    name: 'uncovered-question',
    weight: 8,
    scripts: [
      [
        [
          'can I take the car through toll roads, how are tolls paid?',
          'how do tolls work with the rental car',
          'do you charge for toll roads',
          'I drove through a toll, will I get a fine?',
        ],
      ],
      [
        [
          'can I take the car on the ferry to france',
          'can I drive the rental into ireland',
          'is it ok to cross the border with the car',
          'are ferries allowed with the car',
        ],
      ],
      [
        [
          'can I bring my dog in the car',
          'are pets allowed in the rental car',
          'is there a fee for travelling with a dog',
        ],
      ],
      [
        [
          'do you provide snow chains',
          'can I get winter tyres for scotland',
          'do the cars have snow chains in winter',
        ],
      ],
    ],
    outcome: { handoff: false },
    resolutions: [
      'Tolls are charged to the card on file with a £5 admin fee per toll; you do not need to do anything.',
      'Yes, ferries and EU countries are allowed if you tell us at pick-up; a cross-border fee of £45 applies.',
      'Pets are welcome in a carrier or on a seat cover; a £60 cleaning fee applies if the car comes back with hair.',
      'Winter tyres are fitted from November to March at Scottish branches; snow chains can be added as an extra for £8 a day.',
    ],
  },
  {
    name: 'breakdown-now',
    weight: 7,
    scripts: [
      [
        [
          'the {car} has broken down {place}',
          'the car wont start and I am stuck {place}',
          'I have a flat tyre {place} what do I do',
          'warning light came on and the car lost power {place}',
          'the engine just died {place}, please help',
          'battery is dead and im stranded {place}',
        ],
      ],
      [
        OPENERS,
        [
          'the car is making a horrible grinding noise and smoke is coming out {place}',
          'help the car stopped {place} and wont restart',
        ],
      ],
    ],
    outcome: (s) => ({
      handoff: true,
      turn: s === 0 ? 1 : 2,
      tolerance: 1,
      team: 'roadside',
      priority: 'high',
    }),
    resolutions: [
      'Roadside assistance dispatched to the location; a replacement car arranged at the nearest branch.',
    ],
  },
  {
    name: 'locked-out',
    weight: 3,
    scripts: [
      [
        [
          'I locked the keys in the car {place}',
          'I have lost the car key and I am {place}',
          'key fob not working, cant get in the car',
          'the key snapped in the door, I am {place}',
        ],
      ],
    ],
    outcome: { handoff: true, turn: 1, tolerance: 1, team: 'roadside', priority: 'high' },
    resolutions: ['Locksmith sent through roadside assistance; spare key couriered from the branch.'],
  },
  {
    name: 'accident-now',
    weight: 4,
    scripts: [
      [
        [
          'I just crashed the car {place} and the other driver is hurt',
          'we had an accident {place}, my passenger is injured',
          'someone hit us {place}, there is blood, what do I do',
          'car accident {place} just now, airbags went off',
        ],
      ],
    ],
    outcome: { handoff: true, turn: 1, team: 'roadside', priority: 'urgent' },
    resolutions: ['Emergency services confirmed; recovery truck booked and an incident report opened.'],
  },
  {
    name: 'accident-report',
    weight: 4,
    scripts: [
      [
        [
          'someone reversed into the rental in a car park {when}, nobody hurt, how do I report it',
          'I had a small bump with another car {when}, we swapped details, what now',
          'a car hit my wing mirror {when} and drove off',
        ],
      ],
      [
        OPENERS,
        ['I need to report an accident from {when}', 'there was a minor collision {when} with the hire car'],
        [
          'the other driver admitted fault, I have his insurance details',
          'I have photos, who do I send them to',
          'do I have to pay the excess for this?',
        ],
      ],
    ],
    outcome: (s) => ({ handoff: true, turn: s === 0 ? 1 : 2, tolerance: 1, team: 'claims' }),
    resolutions: [
      'Incident report opened; excess held pending the third party insurer; photos attached to the claim.',
    ],
  },
  {
    name: 'damage-dispute',
    weight: 8,
    scripts: [
      [
        [
          'you charged me {amount} for a {bad} that was already there when I picked up the car',
          'I got a damage charge of {amount} after returning the {car} but I did not damage it',
          'why did you take {amount} from my card for damage? the {bad} was on the pick up sheet',
          'I dispute the damage fee, I have photos showing the {bad} at collection',
          'there was no damage when I returned it, now I see {amount} charged for a {bad}',
        ],
      ],
      [
        [
          'I got an email about a damage charge',
          'what is this damage claim on my account',
          'I returned the car {when} and now you say there is damage',
        ],
        [
          'but the {bad} was already there, I have photos',
          'that is not fair, I did not cause it',
          'I want to dispute it, it was marked on the pick up form',
          'no way, that {bad} was there before',
          'I am not paying {amount} for something I did not do',
        ],
      ],
    ],
    outcome: (s) => ({ handoff: true, turn: s === 0 ? 1 : 2, tolerance: 0, team: 'claims' }),
    resolutions: [
      'Checked the pick-up sheet: the damage was recorded at collection, charge refunded in full.',
      'Reviewed photos; charge reduced to the excess cap and a breakdown of repair costs sent.',
    ],
  },
  {
    name: 'deposit-late',
    weight: 7,
    scripts: [
      [
        [
          "it's been {weeks} and my deposit is still not back",
          'returned the car {weeks} ago and the deposit has not been released',
          'my {amount} deposit is still on hold after {weeks}',
          'where is my deposit, its been {weeks} since I returned the car',
        ],
      ],
      [
        ['when will I get my deposit back?', 'how long does the deposit refund take', 'deposit question'],
        [
          'I returned the car {weeks} ago and still nothing',
          'its been {weeks} already, that is much longer than 10 days',
          'my bank says nothing is pending after {weeks}',
        ],
      ],
    ],
    outcome: (s) => ({ handoff: true, turn: s === 0 ? 1 : 2, tolerance: 0, team: 'billing' }),
    resolutions: [
      'Deposit release was stuck on the closed agreement; released manually, reference sent to the customer.',
    ],
  },
  {
    name: 'deposit-normal',
    weight: 4,
    scripts: [
      [
        [
          'I returned the car {when}, when will the deposit come back?',
          'dropped the car off {when}, how long for the deposit',
          'returned yesterday, still see the hold on my card, is that normal?',
        ],
      ],
    ],
    outcome: { handoff: false },
  },
  {
    name: 'billing-dispute',
    weight: 7,
    scripts: [
      [
        [
          'I was charged twice for my rental',
          'there is a charge of {amount} on my card I do not recognise',
          'you charged me a refuelling fee but I filled it up, I have the receipt',
          'I was charged a late return fee but I was on time',
          'my invoice says {amount} but I was quoted much less',
          'I was overcharged {amount}, I want it refunded',
        ],
      ],
      [
        ['I have a question about my invoice', 'can I get a copy of my bill', 'what is this charge'],
        [
          'there is an extra {amount} I never agreed to',
          'it shows a cleaning fee but the car was spotless',
          'you charged me for a full day because I was 20 minutes late',
        ],
      ],
    ],
    outcome: (s) => ({ handoff: true, turn: s === 0 ? 1 : 2, tolerance: 0, team: 'billing' }),
    resolutions: [
      'Duplicate charge confirmed and refunded; refund takes 3-5 working days.',
      'Fuel receipt accepted, refuelling fee refunded.',
    ],
  },
  {
    name: 'no-car-at-pickup',
    weight: 5,
    scripts: [
      [
        [
          'I am at the {branch} desk and they say there is no car for my booking',
          'the {branch} branch is closed and I have a booking for now',
          'been waiting at {branch} for 2 hours and still no car',
          'they gave away my reserved {car} at {branch}, what now?',
          'nobody at the {branch} desk and my pick up was at 9',
        ],
      ],
    ],
    outcome: { handoff: true, turn: 1, tolerance: 1, team: 'branch', priority: 'high' },
    resolutions: ['Car sourced from a nearby branch with a free upgrade; taxi fare covered.'],
  },
  {
    name: 'staff-complaint',
    weight: 3,
    scripts: [
      [
        [
          'the staff at {branch} were very rude to us',
          'I want to complain about how I was treated at the {branch} desk',
          'the agent at {branch} pressured me into buying insurance I did not want',
        ],
      ],
    ],
    outcome: { handoff: true, turn: 1, team: 'branch' },
    resolutions: ['Complaint logged with the branch manager; insurance upsell refunded.'],
  },
  {
    name: 'miles-missing',
    weight: 4,
    scripts: [
      [
        [
          'my roadway miles are missing',
          'I did not get miles for my last rental',
          'points not showing on my account',
        ],
        [
          'it has been {weeks} since the rental ended',
          'its 3 rentals now and none of them earned miles',
          'I already waited more than 72 hours, still nothing',
        ],
      ],
    ],
    outcome: { handoff: true, turn: 2, tolerance: 0, team: 'bookings' },
    resolutions: ['Membership number was missing on the agreements; miles added manually for the rentals.'],
  },
  {
    name: 'asks-person',
    weight: 5,
    scripts: [
      [
        [
          'I want to speak to a person about my booking',
          'can I talk to someone about changing my reservation',
          'let me speak to an agent please',
        ],
      ],
      [
        [
          'can I change my booking to a bigger car',
          'I need to extend my rental',
          'can I move my pick up to {branch}',
        ],
        ['that does not help', 'you are not answering my question', 'no that is not what I asked'],
        ['just get me a human', 'let me talk to someone please', 'real person please'],
      ],
    ],
    outcome: (s) => ({ handoff: true, turn: s === 0 ? 1 : 2, tolerance: 1, team: 'bookings' }),
    resolutions: ['Booking changed by the agent; price difference charged.'],
  },
];

/** The situation a point in [0, total weight) falls in. */
function weighted(list: readonly Situation[], point: number): Situation {
  let left = point;
  for (const s of list) {
    left -= s.weight;
    if (left < 0) return s;
  }
  return list[0]!;
}

/** Generates `count` labelled conversations for the seed (ids car-0001, ...). */
export function generateConversations(count: number, seed: number): LabelledConversation[] {
  const r = seededRandom(seed);
  const total = situations.reduce((n, s) => n + s.weight, 0);
  const out: LabelledConversation[] = [];
  for (let i = 0; i < count; i++) {
    const situation = weighted(situations, r() * total);
    const scriptIndex = Math.floor(r() * situation.scripts.length);
    const script = situation.scripts[scriptIndex]!;
    const turns = script.map((options) => ({ text: roughen(r, fill(r, pick(r, options))) }));
    const outcome =
      typeof situation.outcome === 'function' ? situation.outcome(scriptIndex) : situation.outcome;
    const expect = outcome.handoff
      ? { ...outcome, tolerance: outcome.tolerance ?? 0 }
      : { handoff: false as const };
    const resolution = situation.resolutions
      ? situation.resolutions[scriptIndex % situation.resolutions.length]
      : undefined;
    out.push({
      id: `car-${String(i + 1).padStart(4, '0')}`,
      pack: 'carrental',
      turns,
      expect,
      ...(resolution ? { resolution } : {}),
    });
  }
  return out;
}

if (process.argv[1]?.endsWith('car-rental-conversations.ts')) {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: number) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  for (const c of generateConversations(flag('count', 450), flag('seed', 7)))
    process.stdout.write(`${JSON.stringify(c)}\n`);
}
