import type { OutcomeLabels } from '../feedback/outcome-labels.ts';
import type { Db } from '../platform/db/database.ts';
import type { LabelledConversation } from '../protocol/learning.ts';
import { toLabelledConversation } from './to-labelled-conversation.ts';
import { readTranscripts } from './transcript-store.ts';

/**
 * A pack's labelled conversations ended since `since`, in the learning contract's format (what `baton learn
 * --history` reads): labels are inferred first where missing, and a person's label beats an inferred one.
 */
export async function exportLabelledHistory(input: {
  db: Db;
  labels: OutcomeLabels;
  packId: string;
  since: Date;
  /** The team a needed handoff goes to when neither a label nor the conversation names one. */
  defaultTeam: string;
}): Promise<LabelledConversation[]> {
  await input.labels.refresh(input.packId, input.since);
  const labels = await input.labels.list(input.packId, input.since);
  const transcripts = new Map(
    (
      await readTranscripts(
        input.db,
        labels.map((l) => l.conversationId),
      )
    ).map((t) => [t.id, t]),
  );
  return labels.flatMap((l) => {
    const t = transcripts.get(l.conversationId);
    const made = t ? toLabelledConversation(t, l, input.defaultTeam) : null;
    return made ? [made] : [];
  });
}
