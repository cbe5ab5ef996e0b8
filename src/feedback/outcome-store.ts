import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../platform/db/database.ts';
import { inferredLabels } from './feedback.tables.ts';
import { type InferredLabel, isMacroReply, type OutcomeFacts } from './infer-outcome-labels.ts';
import type { PersonLabel } from './resolve-label.ts';

/** How soon a customer coming back about the same thing counts as a re-contact. */
const recontactHours = 24;

/** What an ended conversation holds for labelling: its pack and the facts its outcome labels are read from. */
export type ConversationOutcome = { conversationId: string; pack: string; facts: OutcomeFacts };

/** One labelled conversation as stored: the agent's label and the inferred ones. */
export type StoredLabels = {
  conversationId: string;
  pack: string;
  endedAt: string;
  person: PersonLabel | null;
  inferred: InferredLabel[];
};

type DecisionJson = { kind?: string; team?: string; rule?: string; rules?: { rule?: string }[] };

/** Reads outcome facts and stores inferred labels, on PGlite or PostgreSQL. */
export type OutcomeStore = ReturnType<typeof createOutcomeStore>;

export function createOutcomeStore(db: Db) {
  return {
    /** The facts of an ended conversation, or null when it is unknown or not ended. */
    async facts(conversationId: string): Promise<ConversationOutcome | null> {
      const [c] = await queryRows<{
        pack: string;
        state: string;
        team: string | null;
        customer_id: string;
        created_at: string | Date;
        bot_memory: { flow?: { status?: string } | null; topic?: string | null } | null;
      }>(
        db,
        sql`select pack, state, team, customer_id, created_at, bot_memory from conversations where id = ${conversationId}`,
      );
      if (!c || (c.state !== 'resolved' && c.state !== 'closed')) return null;
      const messages = await queryRows<{
        author_kind: string;
        text: string;
        internal: number;
        metadata: Record<string, unknown>;
      }>(
        db,
        sql`select author_kind, text, internal, metadata from messages where conversation_id = ${conversationId} order by seq`,
      );
      const turns = await queryRows<{ decision: DecisionJson; decision_kind: string }>(
        db,
        sql`select decision, decision_kind from bot_turns where conversation_id = ${conversationId} order by turn`,
      );
      const macros = (await queryRows<{ text: string }>(db, sql`select text from macros`)).map((m) => m.text);
      const [csat] = await queryRows<{ rating: number }>(
        db,
        sql`select rating from csat_ratings where conversation_id = ${conversationId}`,
      );
      const agentJoined = messages.some(
        (m) => (m.author_kind === 'agent' && m.internal === 0) || m.metadata.event === 'agent_joined',
      );
      const handoffTurn = turns.findIndex((t) => t.decision_kind === 'handoff');
      const handoffTeam = handoffTurn >= 0 ? (turns[handoffTurn]!.decision.team ?? null) : null;
      const transfers = messages.flatMap((m) =>
        m.metadata.event === 'transferred' && typeof m.metadata.team === 'string' ? [m.metadata.team] : [],
      );
      const firstTeam = agentJoined
        ? (handoffTeam ?? (transfers.length === 0 ? c.team : null) ?? 'unknown')
        : null;
      const topic = c.bot_memory?.topic ?? null;
      const facts: OutcomeFacts = {
        firstTeam,
        transfers,
        agentReplies: messages
          .filter((m) => m.author_kind === 'agent' && m.internal === 0)
          .map((m) => ({ macro: isMacroReply(m.text, macros) })),
        turns: (handoffTurn >= 0 ? turns.slice(0, handoffTurn + 1) : turns).map((t) => ({
          kind: t.decision_kind === 'handoff' || t.decision_kind === 'offer' ? t.decision_kind : 'stay',
          personRequested:
            t.decision.rule === 'explicit_request' ||
            (t.decision_kind !== 'stay' &&
              (t.decision.rules ?? []).some((r) => r.rule === 'explicit_request')),
        })),
        csat: csat ? Number(csat.rating) : null,
        endedMidFlow: !agentJoined && c.bot_memory?.flow?.status === 'active',
        recontact: topic ? await nextAbout(db, conversationId, c.customer_id, c.created_at, topic) : null,
      };
      return { conversationId, pack: c.pack, facts };
    },

    /** Replaces a conversation's inferred labels with these (one transaction). */
    async saveInferred(conversationId: string, pack: string, labels: readonly InferredLabel[], now: Date) {
      await db.transaction(async (tx) => {
        await tx.delete(inferredLabels).where(eq(inferredLabels.conversationId, conversationId));
        if (labels.length > 0)
          await tx
            .insert(inferredLabels)
            .values(labels.map((l) => ({ ...l, conversationId, pack, createdAt: now })));
      });
    },

    /** The same customer's ended conversations started in the day before this one (a re-contact relabels them). */
    async earlierOfCustomer(conversationId: string): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select e.id from conversations c join conversations e on e.customer_id = c.customer_id
            where c.id = ${conversationId} and e.id <> c.id and e.state in ('resolved', 'closed')
              and e.created_at < c.created_at and e.created_at >= c.created_at - interval '${sql.raw(String(recontactHours))} hours'`,
      );
      return rows.map((r) => r.id);
    },

    /** Conversations ended since `since` that hold no inferred labels yet (the backfill before an export). */
    async endedWithoutInference(pack: string, since: Date): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select c.id from conversations c
            where c.pack = ${pack} and c.state in ('resolved', 'closed')
              and coalesce(c.resolved_at, c.closed_at, c.updated_at) >= ${since.toISOString()}
              and not exists (select 1 from inferred_labels l where l.conversation_id = c.id)
            order by c.created_at limit 5000`,
      );
      return rows.map((r) => r.id);
    },

    /** Every conversation of a pack ended since `since`, with its agent label and inferred labels. */
    async listLabels(pack: string, since: Date): Promise<StoredLabels[]> {
      const rows = await queryRows<{
        id: string;
        ended_at: string | Date;
        needed: boolean | null;
        team_correct: boolean | null;
        right_team: string | null;
        earlier: boolean | null;
        labelled: boolean;
      }>(
        db,
        sql`select c.id, coalesce(c.resolved_at, c.closed_at, c.updated_at) as ended_at,
                   h.needed, h.team_correct, h.right_team, h.earlier, h.conversation_id is not null as labelled
            from conversations c left join handoff_labels h on h.conversation_id = c.id
            where c.pack = ${pack} and c.state in ('resolved', 'closed')
              and coalesce(c.resolved_at, c.closed_at, c.updated_at) >= ${since.toISOString()}
            order by c.created_at`,
      );
      const inferred = await db.select().from(inferredLabels).where(sql`${inferredLabels.pack} = ${pack}`);
      const byConversation = new Map<string, InferredLabel[]>();
      for (const r of inferred) {
        const list = byConversation.get(r.conversationId) ?? [];
        list.push({
          source: r.source as InferredLabel['source'],
          needed: r.needed,
          teamCorrect: r.teamCorrect,
          rightTeam: r.rightTeam,
          earlier: r.earlier,
          strength: r.strength,
          evidence: r.evidence,
        });
        byConversation.set(r.conversationId, list);
      }
      return rows.map((r) => ({
        conversationId: r.id,
        pack,
        endedAt: new Date(r.ended_at).toISOString(),
        person:
          r.labelled && r.needed !== null
            ? { needed: r.needed, teamCorrect: r.team_correct, rightTeam: r.right_team, earlier: r.earlier }
            : null,
        inferred: byConversation.get(r.id) ?? [],
      }));
    },
  };
}

/** The customer's next conversation within a day whose topic is the same, if any. */
async function nextAbout(
  db: Db,
  conversationId: string,
  customerId: string,
  createdAt: string | Date,
  topic: string,
): Promise<OutcomeFacts['recontact']> {
  const started = new Date(createdAt);
  const until = new Date(started.getTime() + recontactHours * 3600_000);
  const [next] = await queryRows<{ id: string; created_at: string | Date }>(
    db,
    sql`select id, created_at from conversations
        where customer_id = ${customerId} and id <> ${conversationId}
          and created_at > ${started.toISOString()} and created_at <= ${until.toISOString()}
          and bot_memory->>'topic' = ${topic}
        order by created_at limit 1`,
  );
  if (!next) return null;
  return {
    conversationId: next.id,
    hours: (new Date(next.created_at).getTime() - started.getTime()) / 3600_000,
  };
}
