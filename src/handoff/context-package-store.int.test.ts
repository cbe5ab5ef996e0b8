import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import { createConversationStore } from '../conversations/conversation-store.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { buildContextPackage } from './build-context-package.ts';
import { type ContextPackageStore, createContextPackageStore } from './context-package-store.ts';
import { refinanceInput } from './handoff-fixtures.ts';
import { redactPackage } from './redact-pii.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute));

describe.each(engines)('context package store on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let store: ContextPackageStore;

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    store = createContextPackageStore(database.db);
  });
  afterAll(async () => {
    await cleanup();
  });

  /** A conversation with a saved, redacted refinance package. */
  async function saved() {
    const { conversation } = await createConversationStore(database.db).createConversation({
      pack: 'bank',
      channel: 'web',
      customer: { name: 'Ana' },
      now: at(0),
    });
    const input = refinanceInput();
    const pkg = buildContextPackage({
      ...input,
      conversation: { ...input.conversation, id: conversation.id },
    });
    const { package: redacted, secrets } = redactPackage(pkg, { emails: true });
    const stored = await store.save({ package: redacted, secrets, now: at(1) });
    return { conversationId: conversation.id, stored, redacted };
  }

  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (err: unknown) => (err instanceof AppError ? err.code : String(err)),
    );

  it('saves a redacted package and gives it back without the secrets', async () => {
    const { conversationId, stored, redacted } = await saved();
    expect(stored).toMatchObject({ conversationId, seq: 1, version: '1' });
    const got = await store.get(conversationId);
    expect(got?.package).toEqual(redacted);
    expect(JSON.stringify(got)).not.toContain('4111 1111 1111 1111');
    expect(await store.get('conv_missing')).toBeNull();
  });

  it('numbers each handoff of a conversation, also when saved at once', async () => {
    const { conversationId, redacted } = await saved();
    await Promise.all([
      store.save({ package: redacted, secrets: {}, now: at(2) }),
      store.save({ package: redacted, secrets: {}, now: at(3) }),
    ]);
    expect((await store.list(conversationId)).map((p) => p.seq)).toEqual([1, 2, 3]);
    expect((await store.get(conversationId))?.seq).toBe(3);
    expect((await store.get(conversationId, 1))?.seq).toBe(1);
  });

  it('refuses agents with FORBIDDEN, reveals to supervisors, and records every attempt', async () => {
    const { conversationId } = await saved();
    const ask = (role: string, token: string, reason: string, minute: number) =>
      store.reveal({ conversationId, token, actor: { id: `${role}-1`, role }, reason, now: at(minute) });

    expect(await codeOf(ask('agent', 'card-1', 'want to see it', 10))).toBe('FORBIDDEN');
    const shown = await ask('supervisor', 'card-1', 'customer disputes the card on file', 11);
    expect(shown).toMatchObject({ token: 'card-1', type: 'card', value: '4111 1111 1111 1111' });
    expect(shown.paths).toContain('transcript[4].text');
    expect(await codeOf(ask('admin', 'card-9', 'audit', 12))).toBe('NOT_FOUND');
    expect(await codeOf(ask('admin', 'email-1', '', 13))).toBe('VALIDATION_FAILED');
    expect((await ask('admin', 'email-1', 'send the statement', 14)).value).toBe('ana.silva@example.com');

    const audit = await store.listReveals(conversationId);
    expect(audit.map((r) => [r.actorId, r.role, r.token, r.outcome])).toEqual([
      ['agent-1', 'agent', 'card-1', 'forbidden'],
      ['supervisor-1', 'supervisor', 'card-1', 'revealed'],
      ['admin-1', 'admin', 'card-9', 'not_found'],
      ['admin-1', 'admin', 'email-1', 'invalid'],
      ['admin-1', 'admin', 'email-1', 'revealed'],
    ]);
    expect(audit[1]).toMatchObject({
      type: 'card',
      field: 'summary.entities[0].text',
      reason: 'customer disputes the card on file',
      at: at(11).toISOString(),
    });
  });

  it('takes the allowed roles as a parameter', async () => {
    const { conversationId } = await saved();
    const strict = createContextPackageStore(database.db, { revealRoles: ['dpo'] });
    const ask = (role: string) =>
      strict.reveal({
        conversationId,
        token: 'card-1',
        actor: { id: 'u1', role },
        reason: 'legal hold',
        now: at(20),
      });
    expect(await codeOf(ask('supervisor'))).toBe('FORBIDDEN');
    expect((await ask('dpo')).value).toBe('4111 1111 1111 1111');
  });

  it('reveals nothing for a conversation without a package', async () => {
    const code = await codeOf(
      store.reveal({
        conversationId: 'conv_none',
        token: 'card-1',
        actor: { id: 'a', role: 'admin' },
        reason: 'check',
        now: at(30),
      }),
    );
    expect(code).toBe('NOT_FOUND');
    expect((await store.listReveals('conv_none')).map((r) => r.outcome)).toEqual(['not_found']);
  });
});
