import { eq, inArray, sql } from 'drizzle-orm';
import { conversations, customers } from '../conversations/conversation.tables.ts';
import { toCustomer } from '../conversations/conversation-rows.ts';
import type { Db } from '../platform/db/database.ts';
import { fail } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Customer } from '../protocol/conversation.ts';
import { customerMerges } from './channels.tables.ts';
import { planMerge } from './plan-merge.ts';

/**
 * Folds a duplicate customer record into the one that remains, as one transaction: both rows locked, every
 * conversation (and with them their tickets, appointments and packages) moved, the profile merged by `planMerge`,
 * the duplicate kept as a pointer, and the merge audited with who, why and what the duplicate was.
 */
export async function mergeCustomers(
  db: Db,
  input: { targetId: string; duplicateId: string; agentId: string; reason: string; now: Date },
): Promise<{ customer: Customer; mergeId: string; movedConversations: number }> {
  if (input.targetId === input.duplicateId) fail('CONFLICT', 'a customer cannot be merged into themselves');
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    // Locked in id order, so two merges of the same pair in opposite directions cannot deadlock.
    const rows = await tx
      .select()
      .from(customers)
      .where(inArray(customers.id, [input.targetId, input.duplicateId]))
      .orderBy(customers.id)
      .for('update');
    const target =
      rows.find((r) => r.id === input.targetId) ?? fail('NOT_FOUND', `no customer ${input.targetId}`);
    const duplicate =
      rows.find((r) => r.id === input.duplicateId) ?? fail('NOT_FOUND', `no customer ${input.duplicateId}`);
    const plan = planMerge(
      { ...toCustomer(target), mergedIntoId: target.mergedIntoId },
      { ...toCustomer(duplicate), mergedIntoId: duplicate.mergedIntoId },
    );
    if (!plan.ok) fail('CONFLICT', plan.reason);
    // The duplicate lets go of its external id first: the unique index allows it on one row at a time.
    await tx
      .update(customers)
      .set({ mergedIntoId: target.id, externalId: null })
      .where(eq(customers.id, duplicate.id));
    const [updated] =
      Object.keys(plan.patch).length > 0
        ? await tx.update(customers).set(plan.patch).where(eq(customers.id, target.id)).returning()
        : [target];
    const moved = await tx
      .update(conversations)
      .set({ customerId: target.id })
      .where(eq(conversations.customerId, duplicate.id))
      .returning({ id: conversations.id });
    // Their documents follow their conversations.
    await tx.execute(
      sql`update documents set customer_id = ${target.id} where customer_id = ${duplicate.id}`,
    );
    // Conversations merged earlier into the duplicate follow too (a chain of merges stays one timeline).
    await tx.execute(
      sql`update customers set merged_into_id = ${target.id} where merged_into_id = ${duplicate.id}`,
    );
    const mergeId = newId('mrg');
    await tx.insert(customerMerges).values({
      id: mergeId,
      targetId: target.id,
      sourceId: duplicate.id,
      agentId: input.agentId,
      reason: input.reason,
      sourceProfile: { ...toCustomer(duplicate), createdAt: duplicate.createdAt.toISOString() },
      movedConversations: moved.length,
      createdAt: input.now,
    });
    return { customer: toCustomer(updated!), mergeId, movedConversations: moved.length };
  });
}
