import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/databases.ts';
import type { Database } from '../platform/db/database.ts';
import { teams } from '../routing/routing.tables.ts';
import { createRoutingStore } from '../routing/routing-store.ts';
import { type AuditLog, createAuditLog } from './audit-log.ts';

describe.each(engines)('audit log on $name', ({ open }) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let audit: AuditLog;
  let tick = 0;
  // Every change one second after the last: the order of the log is the order of the changes.
  const now = () => new Date(Date.UTC(2026, 11, 6, 9, 0, tick++));

  beforeAll(async () => {
    ({ database, cleanup } = await open());
    audit = createAuditLog(database.db, now);
    await createRoutingStore(database.db).seedTeams([
      { id: 'billing', name: 'Billing', skills: [], businessHours: null },
    ]);
  });
  afterAll(() => cleanup());

  const rename = (name: string, actor = 'agt_admin') =>
    audit.change({ area: 'teams', subject: 'billing', action: 'update', actor }, async (tx) => {
      const store = createRoutingStore(tx);
      const before = await store.getTeam('billing');
      const after = await store.updateTeam('billing', { name });
      return { result: after, before, after };
    });
  const teamName = async () =>
    (await database.db.select().from(teams).where(eq(teams.id, 'billing')))[0]?.name;

  it('records the changed fields with the change', async () => {
    await rename('Billing desk');
    const { entries } = await audit.list({ cursor: null, limit: 10 });
    expect(entries[0]).toMatchObject({
      area: 'teams',
      subject: 'billing',
      action: 'update',
      actor: 'agt_admin',
      before: { name: 'Billing' },
      after: { name: 'Billing desk' },
    });
  });

  it('keeps neither the change nor the entry when the change fails after writing', async () => {
    const failing = audit.change(
      { area: 'teams', subject: 'billing', action: 'update', actor: 'x' },
      async (tx) => {
        await createRoutingStore(tx).updateTeam('billing', { name: 'Half done' });
        throw new Error('the second step failed');
      },
    );
    await expect(failing).rejects.toThrow('the second step failed');
    expect(await teamName()).toBe('Billing desk');
  });

  it('keeps no change when its entry cannot be written', async () => {
    const before = (await audit.list({ cursor: null, limit: 200 })).entries.length;
    // No subject: the log refuses the entry, so the rename it describes must not stay either.
    const unrecorded = audit.change(
      { area: 'teams', subject: null as unknown as string, action: 'update', actor: 'x' },
      async (tx) => {
        const after = await createRoutingStore(tx).updateTeam('billing', { name: 'Unrecorded' });
        return { result: after, before: { name: 'Billing desk' }, after: { name: 'Unrecorded' } };
      },
    );
    await expect(unrecorded).rejects.toThrow();
    expect(await teamName()).toBe('Billing desk');
    expect((await audit.list({ cursor: null, limit: 200 })).entries).toHaveLength(before);
  });

  it('does not log a save that changed nothing', async () => {
    const before = (await audit.list({ cursor: null, limit: 200 })).entries.length;
    await rename('Billing desk');
    expect((await audit.list({ cursor: null, limit: 200 })).entries).toHaveLength(before);
  });

  it('pages newest first without gaps or repeats, and filters by area and subject', async () => {
    for (let i = 0; i < 5; i++) await rename(`Billing ${i}`);
    const all = (await audit.list({ cursor: null, limit: 200 })).entries.map((e) => e.id);
    const paged: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<AuditLog['list']>> = await audit.list({ cursor, limit: 2 });
      paged.push(...page.entries.map((e) => e.id));
      cursor = page.last;
    } while (cursor);
    expect(paged).toEqual(all);
    const newest = (await audit.list({ cursor: null, limit: 1 })).entries[0];
    expect(newest?.after).toEqual({ name: 'Billing 4' });
    expect((await audit.list({ cursor: null, limit: 10, area: 'agents' })).entries).toEqual([]);
    expect((await audit.list({ cursor: null, limit: 10, subject: 'other' })).entries).toEqual([]);
  });
});
