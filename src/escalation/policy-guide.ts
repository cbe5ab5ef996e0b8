import { readFileSync } from 'node:fs';
import { type Condition, factNames } from '../protocol/policy.ts';
import { baseBoosts, baseRiskRules, baseRisks, baseRules, baseSuppressions } from './base-policy.ts';
import { builtinSignals } from './check-policy.ts';
import { genericLexicon } from './generic-lexicon.ts';

/** What each built-in detector's signal means (a test keeps this in step with `builtinSignals`). */
export const signalHelp: Readonly<Record<(typeof builtinSignals)[number], string>> = {
  explicit_request:
    'the customer asks for a person, in any phrasing or typo ("agent", "any humans there?", "have a word with someone", "i need a humen", "call me back"); 1 for a clear ask, 0.9 for a vague one, 0.5 for "are you a bot?"',
  out_of_scope: 'consecutive turns the bot could not answer; n / `detectors.outOfScope.turns`',
  low_confidence: 'consecutive turns answered from an unsure intent',
  negative_sentiment:
    'how upset the customer is: VADER valence plus support cues (giving up, shouting, repeat contact, sarcasm), and the trend over turns',
  vocal_cues:
    'on a spoken channel (`voice`, `phone`, `call`), how the caller sounds as the transcript marks it ("[raised voice]", "(crying)", "*sobbing*"), read with the `vocal_anger` and `vocal_distress` concept sets: 0.7 for distress, 0.6 for anger, +0.2 per further cue, +0.15 when the turn before had cues too',
  repetition: 'the customer repeating themselves or asking again, or the bot giving the same reply twice',
  flow_dead_end: "a troubleshooting flow gave up or used up its cycles (carries the flow's team)",
  self_service_failed:
    'the customer reports that the answer did not work, that the bot is not helping, or says so in an intent tagged `frustration`; n / 2 over the last 4 turns',
  no_progress: 'turns in a row that moved nothing forward, or minutes stuck',
  bot_error: 'an error inside the bot (1) or a failed lookup (0.8)',
  intent_urgent:
    'a trusted intent tagged `urgent` (half in a how-to question, none when the customer says it was them)',
  intent_risk: 'a trusted intent tagged `risk:<kind>` that the bot does not serve itself',
};

/** What each fact a condition can compare means (a test keeps this in step with `factNames`). */
export const factHelp: Readonly<Record<(typeof factNames)[number], string>> = {
  amount: 'the largest sum of money mentioned so far ("$18,000", "30k", "between 15 and 20 thousand")',
  days_ago: 'how long ago something happened, in days ("5 days ago", "two months ago")',
  turn: 'the number of the current customer turn (1-based)',
  minutes: 'minutes since the conversation started',
  confidence: "the classifier's confidence in the current intent (0..1)",
  systolic: 'upper blood pressure reading ("190/120")',
  diastolic: 'lower blood pressure reading',
  temperature: 'body temperature in °F (a °C reading is converted)',
  glucose: 'blood sugar in mg/dL',
};

/** The condition leaves, with their fields (documentation of `src/protocol/policy.ts`). */
const leaves: Array<[string, string]> = [
  [
    '`signal`, `min`, `ever`',
    'a detector signal or `risk:<id>` / `business:<id>` at least `min` (default 0.5); `ever`: its peak over the conversation',
  ],
  ['`intent`, `scope`', 'the current trusted intent is one of these (`scope: conversation`: any turn)'],
  ['`tag`, `scope`', 'the intent carries one of these tags'],
  ['`caseTag`, `scope`', 'the answer case a tool-backed intent picked carries one of these tags'],
  ['`text`, `scope`', 'the message uses one of these terms or `~sets`'],
  ['`tier`', 'the customer tier is one of these'],
  ['`attribute` + comparison', 'a customer attribute (`customer.attributes.NAME`)'],
  [
    '`tool`, `field` + comparison',
    "a field of a lookup result (the bot's own lookup, else the records for the key the customer gave)",
  ],
  ['`fact` + comparison', 'a fact read from the conversation (below)'],
  ['`competitor`', 'a competitor was named (true) or not (false)'],
  ['`entity`, `scope`', 'an entity of one of these types was found'],
  ['`flow`', 'the current flow is `active`, `completed` or `gave_up`'],
  ['`all`, `any`, `not`', 'combine conditions'],
];

const code = (s: string) => `\`${s.replace(/\|/g, '\\|')}\``;
const cond = (c: Condition | undefined) => (c ? code(JSON.stringify(c)) : '');

/** The comment lines above each set of `generic-lexicon.yaml`, by set name. */
function setComments(yaml: string): Map<string, string> {
  const out = new Map<string, string>();
  let pending: string[] = [];
  for (const line of yaml.split('\n')) {
    if (line.startsWith('#')) pending.push(line.replace(/^#\s?/, ''));
    else if (/^[a-z_0-9]+:/.test(line)) {
      out.set(line.slice(0, line.indexOf(':')), pending.join(' '));
      pending = [];
    } else if (line.trim() === '') pending = [];
  }
  return out;
}

/** `docs/policy-guide.md`, generated from the engine's own data so it cannot drift from what Baton does. */
export function renderPolicyGuide(): string {
  const yaml = readFileSync(new URL('./generic-lexicon.yaml', import.meta.url), 'utf8');
  const comments = setComments(yaml);
  const out: string[] = [];
  const p = (...lines: string[]) => out.push(...lines);
  p(
    '# Policy guide for support leads',
    '',
    '<!-- Generated by `node bin/run-ts.js scripts/generate-policy-guide.ts` from src/escalation (base-policy.ts,',
    'generic-lexicon.yaml, src/protocol/policy.ts). Do not edit by hand: a unit test fails when it is out of date. -->',
    '',
    'Baton decides after every customer message whether the bot keeps the conversation, **offers** a person or',
    '**hands off**, to which team and how urgently. This guide is for the person who sets Baton up for a business:',
    'what it does with no policy at all, what you can add, and how to test it before going live. The format in',
    'full is in [escalation.md](escalation.md); how to write the rest of a pack is in [packs.md](packs.md).',
    '',
    '## 1. What you get with no policy',
    '',
    'A pack without a `policy:` section already hands off what any support team would. You steer it with the',
    'pack itself:',
    '',
    '- give every intent that belongs to a team its `team:` (a request "about my order" goes to the team of the',
    '  order intents, a complaint about a courier to the courier team);',
    "- tag intents that need a person: `urgent` (hands off at urgent priority to the intent's team), `risk:<kind>`",
    '  (high priority), `complex` or `needs_human` (normal), `complaint`; tag a "that didn\'t help" intent',
    '  `frustration` and a "can I talk to a person" intent `handoff`;',
    '- tag the answer case of a lookup `needs_human` when that result needs a person (a lost order).',
    '',
    'Risk = likelihood x impact. Below 0.4 the bot keeps the conversation, from 0.4 it offers a person, from 0.6',
    'it hands off. The strongest rule decides. Every decision carries its reasons for the agent.',
    '',
    '### Built-in rules',
    '',
    '| rule | what | when | impact | priority | team | at most |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of [...baseRules, ...baseRiskRules]) {
    p(
      `| \`${r.id}\` | ${r.label} | ${cond(r.when)} | ${r.impact} | ${r.priority} | ${code(r.team)} | ${r.maxKind} |`,
    );
  }
  p(
    '',
    '`topic`: the team of the latest trusted intent with a team, else of the intent the request is about, else',
    "the `topics:` of the policy, else the default team. `tag:a|b`: the team of the pack's intents carrying one of",
    'these tags (among several, the one the classifier ranked highest for the message).',
    '',
    '### Built-in risks (the generic layer)',
    '',
    'Each reads the generic concept sets below; its rule (same id) is in the table above. A pack risk with the',
    'same id replaces one; a pack risk reading one of its sets takes it over; `base: false` drops them all.',
    '',
    '| risk | what | cues (each adds its weight; 1 is certain) |',
    '| --- | --- | --- |',
  );
  for (const r of baseRisks) {
    const cues = r.cues
      .map((c) => {
        const what = c.any
          ? `any of ${c.any.join(', ')}`
          : `all of ${(c.all ?? []).map((g) => g.join(' / ')).join(' + ')}`;
        return `${what}${c.near ? ` within ${c.near} words` : ''} (${c.weight})`;
      })
      .join('; ');
    p(`| \`${r.id}\` | ${r.label} | ${cues.replace(/\|/g, '\\|')} |`);
  }
  p('', '### Built-in suppressions', '', '| id | stops | when | why |', '| --- | --- | --- | --- |');
  for (const s of baseSuppressions)
    p(
      `| \`${s.id}\` | ${s.rules.map((r) => `\`${r}\``).join(', ')} | ${cond(s.when ?? s.unless)} | ${s.reason} |`,
    );
  p('', '### Built-in boosts', '', '| id | when | priority at least | why |', '| --- | --- | --- | --- |');
  for (const b of baseBoosts) p(`| \`${b.id}\` | ${cond(b.when)} | ${b.priority} | ${b.reason} |`);
  p(
    '',
    "On a turn where one of the pack's own rules fires or its own risks score, the generic rules stand aside",
    '(the pack has judged the turn); the reason is in the decision.',
    '',
    '## 2. Detectors and their signals',
    '',
    'Conditions read these with `{ signal: NAME, min: 0.5 }`; a pack risk adds `risk:<id>`, a business rule',
    '`business:<id>`.',
    '',
    '| signal | what it reads |',
    '| --- | --- |',
  );
  for (const s of builtinSignals) p(`| \`${s}\` | ${signalHelp[s]} |`);
  p(
    '',
    '## 3. Conditions',
    '',
    'Rules (`when`), suppressions (`when` / `unless`), business rules and boosts share one condition language:',
    '',
    '| leaf | holds when |',
    '| --- | --- |',
  );
  for (const [leaf, what] of leaves) p(`| ${leaf} | ${what} |`);
  p(
    '',
    'A comparison is any of `equals`, `in`, `notIn`, `gt`, `gte`, `lt`, `lte`, `exists`. A bound (`gt`, `gte`,',
    '`lt`, `lte`) is a number or **another value with simple arithmetic**: `{ ref: REF, times: N, plus: M }` is',
    '`REF x N + M`, where `REF` is `tool.TOOL.FIELD`, `attribute.NAME` or `fact.NAME`. When the other value is not',
    'known in the conversation the condition does not hold. `baton check-pack` refuses an unknown tool, fact or',
    '(for a static tool) field, with a hint.',
    '',
    '```yaml',
    "# a bill more than twice the customer's usual amount",
    '{ fact: amount, gt: { ref: tool.account.usual_amount, times: 2 } }',
    "# a claim above the limit on the customer's record",
    '{ tool: claims, field: amount, gt: { ref: attribute.claim_limit } }',
    '# charged at least $5 more than the checkout price',
    '{ tool: orders, field: charged, gte: { ref: tool.orders.checkout_total, plus: 5 } }',
    '```',
    '',
    '### Facts',
    '',
    '| fact | value |',
    '| --- | --- |',
  );
  for (const f of factNames) p(`| \`${f}\` | ${factHelp[f]} |`);
  p(
    '',
    '## 4. Built-in concept sets',
    '',
    'Use them in cues and `text` conditions as `~name`. A term is a word or a phrase matched on stems ("charges"',
    'finds "charge"); `word*` matches words starting with `word`; phrase words may have up to two other words',
    'between them; a negation just before a term ("no one got hurt") stops it. A set of the same name in your',
    "pack's `lexicon.yaml` replaces the built-in one for your pack.",
    '',
  );
  for (const [name, terms] of Object.entries(genericLexicon)) {
    const note = comments.get(name);
    p(`### \`~${name}\``, '');
    if (note) p(note, '');
    p(terms.map((t) => code(t)).join(', '), '');
  }
  p(
    '## 5. Writing a policy: a worked example',
    '',
    'A food-delivery app (the full pack is `test/fresh/food-delivery/`). Without a policy its tagged intents',
    'already hand off allergic reactions, courier safety and account takeovers. The policy adds what only this',
    'business knows: its own words, a rule over its own data, and a known false alarm.',
    '',
    '```yaml',
    'policy:',
    '  lexicon:                      # or in lexicon.yaml next to pack.yaml',
    '    allergy_words: [allerg*, anaphyla*, epipen, hives, peanut*, shellfish, sesame]',
    '    reaction_words: [reaction, hives, swelling, swollen, cant breathe, throat, hospital]',
    '  risks:',
    '    - id: allergic_reaction',
    '      label: Allergic reaction after an order',
    '      intents: [allergic_reaction]',
    "      cues: [{ all: [['~allergy_words'], ['~reaction_words']], weight: 1 }]",
    '  business:',
    '    - id: bill_shock',
    '      label: Charged far more than the usual order',
    "      when: { all: [{ fact: amount, gt: { ref: tool.account.usual_order, times: 2 } }, { text: ['~billed'] }] }",
    '  rules:',
    "    - { id: allergic_reaction, label: Allergic reaction, when: { signal: 'risk:allergic_reaction', min: 0.6 },",
    '        impact: 1, team: safety, priority: urgent, emergency: true }',
    "    - { id: bill_shock, label: Charged far above normal, when: { signal: 'business:bill_shock' },",
    '        impact: 1, team: billing, priority: high }',
    '  suppress:',
    '    - id: allergy_question_only',
    '      rules: [allergic_reaction]',
    "      unless: { text: ['~reaction_words'] }",
    '      reason: an allergy question without a reaction is answered by the bot',
    '```',
    '',
    'Steps that work:',
    '',
    '1. Start with no policy; tag and team your intents (section 1).',
    '2. Write 100 or more scenarios the way customers write, both outcomes, before writing rules.',
    '3. Run `baton eval` and read the misses: each says which rule fired or what came closest.',
    '4. Add a risk or a rule only for what the misses show; prefer a set in `lexicon.yaml` to a list in a rule.',
    '5. Add a suppression for each false alarm you can name; give it a reason the agent will read.',
    '',
    '## 6. Testing before going live',
    '',
    '```sh',
    'baton check-pack ./my-packs/deli            # every name in the policy resolves (teams, intents, sets, rules,',
    '                                            # tools, fields, facts); a typo is an error with a hint',
    'baton eval ./my-packs/deli/scenarios --packs ./my-packs            # precision, recall, needless handoffs',
    'baton eval ./my-packs/deli/scenarios --packs ./my-packs --trace    # the signals of every turn',
    'baton replay ...                            # stored conversations under the old and the new policy',
    '```',
    '',
    'Keep a set of scenarios you never tune on and score it last: that figure is the one to trust.',
    '',
  );
  return out.join('\n');
}
