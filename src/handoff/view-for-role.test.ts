import { describe, expect, it } from 'vitest';
import { type ContextPackage, contextViewSchema, type ViewConfigInput } from '../protocol/context-package.ts';
import { buildContextPackage } from './build-context-package.ts';
import { botTurn, refinanceInput } from './handoff-fixtures.ts';
import { redactPackage } from './redact-pii.ts';
import { pickView, viewForRole } from './view-for-role.ts';

const config: ViewConfigInput = {
  default: { sections: ['decision', 'summary', 'transcript', 'customer', 'nextStep'] },
  views: {
    fraud: { sections: ['decision', 'summary', 'transcript', 'toolResults', 'customer', 'nextStep'] },
    nurse: {
      sections: ['decision', 'summary', 'transcript', 'sentiment', 'customer', 'nextStep'],
      hideEntityTypes: ['money', 'card_number'],
      hideTools: ['billing'],
      hideAttributes: ['plan', 'balance'],
    },
    it: { sections: ['decision', 'toolResults', 'nextStep'], tools: ['market_feed'] },
    compliance: { sections: ['decision', 'transcript', 'customer'], transcript: 'customer', lastMessages: 2 },
  },
};

/** A package with a billing lookup, a market feed lookup and symptoms, redacted. */
function richPackage(): ContextPackage {
  const input = refinanceInput();
  const extra = botTurn({
    turn: 4,
    text: 'I have chest pain and a fever; my bill was $240',
    entities: [
      { type: 'symptom', value: 'chest pain', text: 'chest pain' },
      { type: 'money', value: '240', text: '$240' },
    ],
    tools: [
      { tool: 'billing', key: null, ok: true, result: { due: 240 }, ms: 1 },
      { tool: 'market_feed', key: 'AAPL', ok: true, result: { drop: 0.12 }, ms: 1 },
    ],
  });
  const pkg = buildContextPackage({
    ...input,
    customer: { ...input.customer, attributes: { ...input.customer.attributes, plan: 'gold-care' } },
    turns: [...input.turns, { turn: 4, messageSeq: 7, botTurn: extra }],
  });
  return redactPackage(pkg, { phones: true }).package;
}

const cases: { viewer: { role?: string; team?: string }; view: string; sections: string[] }[] = [
  {
    viewer: { team: 'fraud' },
    view: 'fraud',
    sections: ['decision', 'summary', 'transcript', 'toolResults', 'customer', 'nextStep'],
  },
  {
    viewer: { team: 'nurse' },
    view: 'nurse',
    sections: ['decision', 'summary', 'transcript', 'sentiment', 'customer', 'nextStep'],
  },
  { viewer: { role: 'it', team: 'fraud' }, view: 'it', sections: ['decision', 'toolResults', 'nextStep'] },
  { viewer: { role: 'compliance' }, view: 'compliance', sections: ['decision', 'transcript', 'customer'] },
  {
    viewer: { role: 'agent', team: 'loans' },
    view: 'default',
    sections: ['decision', 'summary', 'transcript', 'customer', 'nextStep'],
  },
];

const shown = [
  'decision',
  'summary',
  'transcript',
  'sentiment',
  'toolResults',
  'customer',
  'nextStep',
  'history',
];

describe('viewForRole', () => {
  it.each(cases)('$viewer sees the $view view', ({ viewer, view, sections }) => {
    const out = viewForRole(richPackage(), config, viewer);
    expect(() => contextViewSchema.parse(out)).not.toThrow();
    expect(out.view).toBe(view);
    expect(shown.filter((s) => s in out)).toEqual(sections);
    expect(out.conversationId).toBe('conv_refi');
  });

  it('fraud sees every tool result and the full transcript', () => {
    const out = viewForRole(richPackage(), config, { team: 'fraud' });
    expect(out.toolResults?.map((t) => t.tool)).toEqual(['billing', 'market_feed']);
    expect(out.transcript?.map((m) => m.authorKind)).toContain('bot');
  });

  it('nurse sees symptoms and the transcript but no billing', () => {
    const out = viewForRole(richPackage(), config, { team: 'nurse' });
    expect(out.summary?.entities.map((e) => e.type)).toEqual(['symptom']);
    expect(out.summary?.botTried.some((s) => s.tool === 'billing')).toBe(false);
    expect(out.summary?.botTried.some((s) => s.tool === 'market_feed')).toBe(true);
    expect(out.customer?.attributes).not.toHaveProperty('plan');
    expect(out.transcript?.length).toBeGreaterThan(0);
  });

  it('IT sees only the tools it is given', () => {
    const out = viewForRole(richPackage(), config, { role: 'it' });
    expect(out.toolResults?.map((t) => t.tool)).toEqual(['market_feed']);
  });

  it('keeps only redactions still visible, with paths into the view', () => {
    const full = richPackage();
    expect(full.redactions.map((r) => r.path)).toEqual(
      expect.arrayContaining(['transcript[4].text', 'summary.entities[0].text', 'customer.attributes.phone']),
    );
    const it_ = viewForRole(full, config, { role: 'it' });
    expect(it_.redactions).toEqual([]);
    const compliance = viewForRole(full, config, { role: 'compliance' });
    // customer-only transcript, last two: seq 3 and 5; the card message (seq 5) is now at index 1
    expect(compliance.transcript?.map((m) => m.seq)).toEqual([3, 5]);
    expect(compliance.redactions.map((r) => r.path).sort()).toEqual(
      ['customer.attributes.phone', 'customer.attributes.ssn', 'transcript[1].text'].sort(),
    );
    for (const r of compliance.redactions) {
      const [section, ...rest] = r.path.split(/[.[\]]+/).filter(Boolean);
      let node: unknown = (compliance as Record<string, unknown>)[section!];
      for (const part of rest) node = (node as Record<string, unknown>)[part];
      expect(String(node)).toContain(r.mask);
    }
  });

  it('falls back to a view showing everything when the config is empty', () => {
    const { name, view } = pickView({}, { team: 'anyone' });
    expect(name).toBe('default');
    expect(view.sections).toEqual(shown);
  });
});
