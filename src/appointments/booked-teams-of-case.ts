import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';

/** The teams the customer has a booked appointment with on any conversation of this conversation's case. */
export async function bookedTeamsOfCase(
  db: Db,
  conversation: { id: string; caseId: string | null },
): Promise<string[]> {
  const caseId = conversation.caseId ?? conversation.id;
  const rows = await queryRows<{ team: string }>(
    db,
    sql`select distinct a.team from appointments a join conversations c on c.id = a.conversation_id
        where coalesce(c.case_id, c.id) = ${caseId} and a.status = 'booked'`,
  );
  return rows.map((r) => r.team);
}
