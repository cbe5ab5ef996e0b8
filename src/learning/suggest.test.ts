import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { preparePack } from '../bot/load-packs.ts';
import { assessTurn } from '../escalation/assess-turn.ts';
import { parseScenarios } from '../escalation/scenario-schema.ts';
import type { PackDocument, PreparedConversation } from '../protocol/learning.ts';
import { applyChanges } from './apply-changes.ts';
import { documentToEscalation, documentToPack } from './document-pack.ts';
import { readPackDocument } from './pack-document-files.ts';
import { prepareHistory } from './prepare-history.ts';
import { suggest } from './suggest.ts';

const data = new URL('../../test/learning/car-rental/', import.meta.url);
let doc: PackDocument;
let history: PreparedConversation[];

beforeAll(async () => {
  doc = await readPackDocument(new URL('pack', data).pathname);
  const loaded = await preparePack(documentToPack(doc));
  const conversations = parseScenarios(readFileSync(new URL('learn.jsonl', data), 'utf8')).slice(0, 60);
  history = await prepareHistory(loaded, conversations);
}, 180_000);

describe('suggest', () => {
  it('learns a signal that beats the pack without a policy on held-out folds, and the trace explains it', () => {
    const list = suggest(doc, history, { folds: 3 });
    const learned = list.find((s) => s.kind === 'learned_signal');
    expect(learned).toBeDefined();
    expect(learned!.effect.method).toBe('folds');
    expect(learned!.effect.after!.f1).toBeGreaterThan(learned!.effect.before!.f1);
    const pack = documentToEscalation(
      applyChanges(
        doc,
        list.flatMap((s) => (s.effect.method === 'folds' ? s.change : [])),
      ),
    );
    const needed = history.find((h) => h.conversation.expect.handoff && h.conversation.turns.length === 1)!;
    const d = assessTurn(pack, {
      turns: needed.turns,
      customer: { tier: 'standard', attributes: {} },
      elapsedMinutes: 0,
    });
    const signal = d.signals.find((s) => s.detector === 'learned');
    expect(signal?.evidence[0]).toMatch(/^p\(person needed\) \d\.\d\d, threshold/);
  });

  it("gives a handoff the priority the labels taught it, above the rule's own", () => {
    const list = suggest(doc, history, { folds: 3, kinds: ['learned_signal'] });
    const changes = list.flatMap((s) => s.change);
    const model = changes.find((c) => c.op === 'set_learned_model');
    expect(model?.op === 'set_learned_model' && model.model.priorities.length).toBeGreaterThan(0);
    const pack = documentToEscalation(applyChanges(doc, changes));
    const urgent = history.flatMap((h) => {
      const e = h.conversation.expect;
      return e.handoff && e.priority && e.priority !== 'normal'
        ? [{ turns: h.turns, turn: e.turn, priority: e.priority }]
        : [];
    });
    expect(urgent.length).toBeGreaterThan(0);
    const right = urgent.filter((h) => {
      const d = assessTurn(pack, {
        turns: h.turns.slice(0, h.turn),
        customer: { tier: 'standard', attributes: {} },
        elapsedMinutes: 0,
      });
      return d.kind !== 'stay' && d.priority === h.priority;
    });
    expect(right.length / urgent.length).toBeGreaterThan(0.8);
  });

  it('gives the same ids for the same history and does not propose a rejected suggestion again', () => {
    const first = suggest(doc, history, { folds: 3, kinds: ['kb_article', 'intent_example', 'topic_team'] });
    const again = suggest(doc, history, { folds: 3, kinds: ['kb_article', 'intent_example', 'topic_team'] });
    expect(again.map((s) => s.id)).toEqual(first.map((s) => s.id));
    expect(first.length).toBeGreaterThan(0);
    const rejected = first[0]!.id;
    const after = suggest(doc, history, {
      folds: 3,
      kinds: ['kb_article', 'intent_example', 'topic_team'],
      rejected: [rejected],
    });
    expect(after.map((s) => s.id)).not.toContain(rejected);
    expect(after).toHaveLength(first.length - 1);
  });

  it('proposes nothing from fewer than two conversations', () => {
    expect(suggest(doc, history.slice(0, 1))).toEqual([]);
  });
});
