import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinPacksDir } from './load-packs.ts';
import { parsePack } from './parse-pack.ts';

const expectedTeams: Record<string, { teams: string[]; default: string }> = {
  bank: { teams: ['support', 'loans', 'fraud', 'branch'], default: 'support' },
  clinic: { teams: ['coordinators', 'insurance', 'nurse'], default: 'coordinators' },
  retail: { teams: ['customer_care', 'orders'], default: 'customer_care' },
  software: { teams: ['l1', 'l2', 'billing'], default: 'l1' },
  insurance: { teams: ['service', 'adjusters'], default: 'service' },
};

const packs = Object.keys(expectedTeams).map((id) => {
  const file = join(builtinPacksDir, id, 'pack.yaml');
  const lexicon = join(builtinPacksDir, id, 'lexicon.yaml');
  return {
    id,
    pack: parsePack(readFileSync(file, 'utf8'), file, {
      lexicon: { text: readFileSync(lexicon, 'utf8'), file: lexicon },
    }),
  };
});

/** Packs that show incident alerts rather than a full support bot (docs/incidents.md). */
const incidentPacks = ['trading'];

describe('demo packs', () => {
  it('are exactly the five support packs and the incident demo packs', () => {
    const folders = readdirSync(builtinPacksDir, { withFileTypes: true }).filter((f) => f.isDirectory());
    expect(folders.map((f) => f.name).sort()).toEqual(
      [...Object.keys(expectedTeams), ...incidentPacks].sort(),
    );
  });

  it('trading pages traders, compliance and IT operations for a flash crash, with a view for each', () => {
    const file = join(builtinPacksDir, 'trading', 'pack.yaml');
    const pack = parsePack(readFileSync(file, 'utf8'), file);
    const policy = pack.incidents?.policies.find((p) => p.types.includes('flash_crash'));
    expect(policy?.page).toEqual(['traders', 'compliance', 'it_ops']);
    expect(policy?.ladder).toEqual(['head_of_desk', 'cro']);
    expect(Object.keys(pack.incidents?.views ?? {}).sort()).toEqual(['compliance', 'it_ops', 'traders']);
  });

  it.each(packs)('$id has the required size, teams and a human request intent', ({ id, pack }) => {
    expect(pack.id).toBe(id);
    expect(pack.intents.length).toBeGreaterThanOrEqual(15);
    for (const intent of pack.intents) expect(intent.examples.length, intent.id).toBeGreaterThanOrEqual(10);
    expect(pack.knowledge.length).toBeGreaterThanOrEqual(15);
    expect(pack.tools.length).toBeGreaterThanOrEqual(1);
    for (const tool of pack.tools)
      if (tool.kind === 'static') expect(Object.keys(tool.data).length).toBeGreaterThan(0);
    expect(pack.teams.map((t) => t.id)).toEqual(expectedTeams[id]?.teams);
    expect(pack.teams.find((t) => t.default)?.id).toBe(expectedTeams[id]?.default);
    expect(pack.intents.map((i) => i.id)).toContain('human_request');
    const seen = new Set<string>();
    for (const intent of pack.intents) {
      for (const example of intent.examples) {
        const key = example.toLowerCase().trim();
        expect(seen.has(key), `"${example}" is an example of two intents`).toBe(false);
        seen.add(key);
      }
    }
  });

  it.each([
    [
      'bank',
      [
        'check_balance',
        'recent_transactions',
        'freeze_card',
        'mortgage_refinance',
        'loan_options',
        'report_fraud',
      ],
    ],
    [
      'clinic',
      [
        'book_appointment',
        'reschedule_appointment',
        'cancel_appointment',
        'symptom_question',
        'insurance_coverage_problem',
        'medical_emergency',
      ],
    ],
    [
      'retail',
      [
        'order_status',
        'order_problem',
        'complaint',
        'price_match_policy',
        'price_match_request',
        'return_policy',
      ],
    ],
    [
      'software',
      [
        'password_reset',
        'plans_pricing',
        'invite_teammate',
        'billing_problem',
        'outage',
        'advanced_integration',
      ],
    ],
    [
      'insurance',
      ['claim_status', 'file_claim', 'accident_injury', 'coverage_question', 'add_driver', 'premium_due'],
    ],
  ])('%s covers its topics', (id, intents) => {
    const pack = packs.find((p) => p.id === id)!.pack;
    expect(pack.intents.map((i) => i.id)).toEqual(expect.arrayContaining(intents));
  });

  it('route risk topics to the right teams', () => {
    const teamOf = (packId: string, intent: string) =>
      packs.find((p) => p.id === packId)?.pack.intents.find((i) => i.id === intent)?.team;
    expect(teamOf('bank', 'report_fraud')).toBe('fraud');
    expect(teamOf('bank', 'mortgage_refinance')).toBe('loans');
    expect(teamOf('clinic', 'symptom_question')).toBe('nurse');
    expect(teamOf('clinic', 'insurance_coverage_problem')).toBe('insurance');
    expect(teamOf('retail', 'order_problem')).toBe('orders');
    expect(teamOf('software', 'billing_problem')).toBe('billing');
    expect(teamOf('software', 'outage')).toBe('l2');
    expect(teamOf('insurance', 'accident_injury')).toBe('adjusters');
  });

  it('software has E101, E202 and E303 flows giving up after three failed cycles', () => {
    const flows = packs.find((p) => p.id === 'software')!.pack.flows;
    for (const code of ['E101', 'E202', 'E303']) {
      const flow = flows.find((f) => f.trigger.errorCodes.includes(code));
      expect(flow?.maxCycles, code).toBe(3);
      expect(flow?.team).toBe('l2');
    }
  });

  const devFile = '/work/shared/scenarios/dev.jsonl';
  it.skipIf(!existsSync(devFile))('do not copy the dev scenario sentences', () => {
    const dev = readFileSync(devFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('//'))
      .flatMap((l) =>
        (JSON.parse(l) as { turns: { text: string }[] }).turns.map((t) => t.text.toLowerCase().trim()),
      );
    const norm = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const devSet = new Set(dev.map(norm));
    for (const { pack } of packs) {
      for (const intent of pack.intents) {
        for (const example of intent.examples) expect(devSet.has(norm(example)), example).toBe(false);
      }
    }
  });
});
