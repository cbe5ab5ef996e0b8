import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import type { StoredTranscript } from './to-labelled-conversation.ts';

const tiers = new Set(['standard', 'gold', 'vip']);

/** Reads stored conversations as transcripts for the labelled history. */
export async function readTranscripts(db: Db, ids: readonly string[]): Promise<StoredTranscript[]> {
  if (ids.length === 0) return [];
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const conversations = await queryRows<{
    id: string;
    pack: string;
    team: string | null;
    tier: string | null;
    attributes: Record<string, unknown> | null;
  }>(
    db,
    sql`select c.id, c.pack, c.team, u.tier, u.attributes from conversations c
        left join customers u on u.id = c.customer_id where c.id in (${list})`,
  );
  const messages = await queryRows<{ conversation_id: string; author_kind: string; text: string }>(
    db,
    sql`select conversation_id, author_kind, text from messages
        where conversation_id in (${list}) and internal = 0 and author_kind in ('customer', 'agent')
        order by conversation_id, seq`,
  );
  const handoffs = await queryRows<{ conversation_id: string; turn: number; team: string | null }>(
    db,
    sql`select distinct on (conversation_id) conversation_id, turn, decision->>'team' as team from bot_turns
        where conversation_id in (${list}) and decision_kind = 'handoff' order by conversation_id, turn`,
  );
  const handoffOf = new Map(handoffs.map((h) => [h.conversation_id, h]));
  return conversations.map((c) => {
    const own = messages.filter((m) => m.conversation_id === c.id);
    const h = handoffOf.get(c.id);
    return {
      id: c.id,
      pack: c.pack,
      customer: {
        tier: (tiers.has(c.tier ?? '') ? c.tier : 'standard') as StoredTranscript['customer']['tier'],
        attributes: c.attributes ?? {},
      },
      customerTexts: own.filter((m) => m.author_kind === 'customer').map((m) => m.text),
      agentTexts: own.filter((m) => m.author_kind === 'agent').map((m) => m.text),
      handoff: h?.team ? { turn: Number(h.turn), team: h.team } : null,
      team: c.team,
    };
  });
}
