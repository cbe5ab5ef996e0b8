import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { suggestionId } from '../src/learning/suggestion-id.ts';
import type { PackChange, Suggestion, SuggestionKind } from '../src/protocol/learning.ts';
import type { RunningBaton } from '../src/server/start-baton.ts';
import { startTestBaton } from './support/http.ts';

// A pack file changed while approved versions are live: the approved changes are kept, re-applied on the new
// file, and a change that no longer fits is dropped with a notice in the version's reason.

const root = mkdtempSync(join(tmpdir(), 'baton-pack-file-'));
const dataDir = join(root, 'data');
const packDir = join(root, 'carrental');
cpSync('test/learning/car-rental/pack', packDir, { recursive: true });
const packFile = join(packDir, 'pack.yaml');
const editFile = (from: string, to: string) => {
  const text = readFileSync(packFile, 'utf8');
  expect(text).toContain(from);
  writeFileSync(packFile, text.replace(from, to));
};

const suggestion = (kind: SuggestionKind, change: PackChange[]): Suggestion => ({
  id: suggestionId(kind, change),
  kind,
  title: `${kind} for the test`,
  evidence: { conversations: [], terms: [], counts: {}, quotes: [] },
  change,
  effect: {
    method: 'not_measured',
    folds: 0,
    conversations: 0,
    before: null,
    after: null,
    handoffsGained: 0,
    handoffsLost: 0,
  },
});
const article = suggestion('kb_article', [
  {
    op: 'add_article',
    article: { id: 'child-seats', title: 'Child seats', body: 'Child seats cost 8 a day.', tags: [] },
  },
]);
const examples = suggestion('intent_example', [
  { op: 'add_intent_examples', intent: 'loyalty', examples: ['where did my roadway miles go'] },
]);

let baton: RunningBaton | null = null;
const start = async () => {
  baton = await startTestBaton({ dataDir, packsDir: packDir }, { routingTickMs: 0 });
  return baton.services.improve!;
};
const stop = async () => {
  await baton?.close();
  baton = null;
};
afterAll(async () => {
  await stop();
  rmSync(root, { recursive: true, force: true });
});

describe('a pack file that changed since approved versions', () => {
  it('keeps the approved changes on the new file, and drops one that no longer fits with a notice', async () => {
    let improve = await start();
    await improve.suggestionStore.saveRun('carrental', [article, examples], new Date());
    for (const s of [article, examples])
      await improve.queue.approve({ packId: 'carrental', id: s.id, actor: 'sam' });
    expect((await improve.versionStore.head('carrental'))!.liveVersion).toBe(3);
    await stop();

    // Restarting with the same file changes nothing.
    improve = await start();
    expect((await improve.versionStore.list('carrental')).map((v) => v.version)).toEqual([3, 2, 1]);
    await stop();

    editFile("Hi, I'm the Roadway Rentals assistant.", "Hello, I'm Roadway Rentals' assistant.");
    improve = await start();
    const head = (await improve.versionStore.head('carrental'))!;
    const [rebased, file] = await improve.versionStore.list('carrental');
    expect(file).toMatchObject({ version: 4, source: 'disk', reason: 'the pack file changed' });
    expect(rebased).toMatchObject({ version: 5, source: 'rebase', basedOn: 3 });
    expect(rebased!.reason).toBe(
      'the pack file changed (version 4); kept the approved changes of version 2, 3',
    );
    expect(head.liveVersion).toBe(5);
    const live = (await improve.versionStore.get('carrental', 5))!.document.pack as {
      messages: { greeting: string };
      knowledge: { id: string }[];
      intents: { id: string; examples: string[] }[];
    };
    expect(live.messages.greeting).toMatch(/^Hello, I'm Roadway Rentals' assistant\./);
    expect(live.knowledge.map((k) => k.id)).toContain('child-seats');
    expect(live.intents.find((i) => i.id === 'loyalty')!.examples).toContain('where did my roadway miles go');
    await stop();

    // The file renames the intent the examples were for: the article stays, the examples are dropped, said so.
    editFile('  - id: loyalty\n    team: bookings', '  - id: roadway_miles\n    team: bookings');
    improve = await start();
    const [again] = await improve.versionStore.list('carrental');
    expect(again).toMatchObject({ version: 7, source: 'rebase', basedOn: 5 });
    expect(again!.reason).toMatch(
      /^the pack file changed \(version 6\); kept the approved changes of version 2; version 3 no longer fits \(.*loyalty.*\)$/,
    );
    const doc = (await improve.versionStore.get('carrental', 7))!.document.pack as {
      knowledge: { id: string }[];
      intents: { id: string }[];
    };
    expect(doc.knowledge.map((k) => k.id)).toContain('child-seats');
    expect(doc.intents.map((i) => i.id)).toContain('roadway_miles');
    const trail = await improve.versionStore.auditTrail('carrental');
    expect(trail[0]).toMatchObject({
      action: 'version',
      details: { version: 7, file: 6, kept: [2], dropped: [{ version: 3 }] },
    });
  }, 240_000);

  it('lets the file win when nothing was approved on top of it (a rollback to the file)', async () => {
    let improve = await start();
    await improve.versions.rollback('carrental', 6, 'sam', 'back to the file');
    await stop();
    editFile('Roadway Miles.', 'Roadway Miles points.');
    improve = await start();
    const [latest] = await improve.versionStore.list('carrental');
    expect(latest).toMatchObject({ version: 8, source: 'disk' });
    expect((await improve.versionStore.head('carrental'))!.liveVersion).toBe(8);
  }, 240_000);
});
