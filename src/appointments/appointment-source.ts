import { sql } from 'drizzle-orm';
import type { TimelineSource } from '../channels/timeline-sources.ts';
import { queryRows } from '../platform/db/database.ts';
import type { Pack } from '../protocol/pack.ts';

/** The customer's appointments, for their timeline (team names from the conversation's pack). */
export function appointmentSource(pack: (id: string) => Pack | undefined): TimelineSource {
  return async (db, customerId) => {
    const rows = await queryRows<{
      id: string;
      conversation_id: string;
      case_id: string | null;
      pack: string;
      team: string;
      starts_at: Date | string;
      ends_at: Date | string;
      status: string;
      location: string;
      created_at: Date | string;
    }>(
      db,
      sql`select a.id, a.conversation_id, c.case_id, c.pack, a.team, a.starts_at, a.ends_at, a.status, a.location,
                 a.created_at
          from appointments a join conversations c on c.id = a.conversation_id
          where c.customer_id = ${customerId}`,
    );
    return rows.map((r) => ({
      kind: 'appointment',
      at: new Date(r.created_at).toISOString(),
      conversationId: r.conversation_id,
      caseId: r.case_id ?? r.conversation_id,
      appointmentId: r.id,
      team: r.team,
      teamName: pack(r.pack)?.teams.find((t) => t.id === r.team)?.name ?? r.team,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      status: r.status === 'cancelled' ? 'cancelled' : 'booked',
      location: r.location,
    }));
  };
}
