import { sql } from 'drizzle-orm';
import type { TimelineSource } from '../channels/timeline-sources.ts';
import { queryRows } from '../platform/db/database.ts';
import type { DocumentRequestProgress } from '../protocol/timeline.ts';
import { documentRequestProgress, type RequestedDocument } from './document-request-progress.ts';

/** The latest `documentRequest` a bot reply in the case carried, as the kinds and counts it asked for. */
function readRequest(value: unknown): RequestedDocument[] | null {
  if (!Array.isArray(value)) return null;
  const asked = value.flatMap((r: { kind?: unknown; label?: unknown; needed?: unknown }) =>
    typeof r?.kind === 'string' && typeof r.label === 'string' && typeof r.needed === 'number'
      ? [{ kind: r.kind, label: r.label, needed: r.needed }]
      : [],
  );
  return asked.length > 0 ? asked : null;
}

/**
 * Every document of the customer's conversations (never its content), each with how far the case's latest
 * document request has come, counted over the documents of every conversation of the case (a payslip emailed
 * after a web chat asked for it counts).
 */
export const documentSource: TimelineSource = async (db, customerId) => {
  const rows = await queryRows<{
    id: string;
    conversation_id: string;
    case_id: string;
    name: string;
    media_type: string;
    size: number;
    kind: string | null;
    channel: string;
    created_at: Date | string;
  }>(
    db,
    sql`select d.id, d.conversation_id, coalesce(c.case_id, c.id) as case_id, d.name, d.media_type, d.size, d.kind,
               d.channel, d.created_at
        from documents d join conversations c on c.id = d.conversation_id
        where c.customer_id = ${customerId}
        order by d.created_at, d.id`,
  );
  if (rows.length === 0) return [];
  const requests = await queryRows<{ case_id: string; request: unknown }>(
    db,
    sql`select distinct on (coalesce(c.case_id, c.id)) coalesce(c.case_id, c.id) as case_id,
               m.metadata->'documentRequest' as request
        from messages m join conversations c on c.id = m.conversation_id
        where c.customer_id = ${customerId} and m.author_kind = 'bot'
          and jsonb_typeof(m.metadata->'documentRequest') = 'array'
        order by coalesce(c.case_id, c.id), m.created_at desc, m.seq desc`,
  );
  const progress = new Map<string, DocumentRequestProgress>();
  for (const r of requests) {
    const asked = readRequest(r.request);
    if (asked)
      progress.set(
        r.case_id,
        documentRequestProgress(
          asked,
          rows.filter((d) => d.case_id === r.case_id),
        ),
      );
  }
  return rows.map((r) => ({
    kind: 'document',
    at: new Date(r.created_at).toISOString(),
    conversationId: r.conversation_id,
    caseId: r.case_id,
    documentId: r.id,
    name: r.name,
    mediaType: r.media_type,
    size: Number(r.size),
    documentKind: r.kind,
    channel: r.channel,
    request: progress.get(r.case_id) ?? null,
  }));
};
