import { type FormEvent, useCallback, useState } from 'react';
import type { TimelineResponse } from '../../src/protocol/timeline.ts';
import type { ConsoleApi } from './api-client.ts';
import { clockTime } from './format.ts';
import { formatTimeline } from './format-timeline.ts';
import { useApiData } from './use-api-data.ts';

type Props = {
  api: ConsoleApi;
  customerId: string;
  conversation: { id: string; caseId: string; lastSeq: number };
  onError: (err: unknown) => void;
};

/** The customer's whole journey on every channel, newest first, and merging a duplicate record into them. */
export function TimelineCard({ api, customerId, conversation, onError }: Props) {
  // Loaded again as the conversation moves on (a new message may be an appointment's confirmation).
  // biome-ignore lint/correctness/useExhaustiveDependencies: lastSeq only triggers a reload
  const load = useCallback(() => api.timeline(customerId), [api, customerId, conversation.lastSeq]);
  const timeline = useApiData<TimelineResponse>(load, onError);
  const rows = timeline.data ? formatTimeline(timeline.data.entries, conversation) : [];
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h3 id="timeline-title">Customer timeline</h3>
      {timeline.error && <p className="inline-error">{timeline.error}</p>}
      {rows.length <= 1 && !timeline.loading && <p className="muted small">No earlier contact.</p>}
      {rows.length > 1 && (
        <ol className="timeline">
          {rows.map((r) => (
            <li key={r.key} className={r.here ? `timeline-${r.here}` : undefined}>
              <span className="timeline-title">{r.title}</span>
              <span className="muted small">
                {r.detail} · {clockTime(r.at)}
                {r.here === 'this' ? ' · this conversation' : r.here === 'case' ? ' · same case' : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
      <MergeForm api={api} customerId={customerId} onMerged={timeline.reload} onError={onError} />
    </section>
  );
}

/** Folds another record of the same person into this customer (audited: the reason is required). */
function MergeForm({
  api,
  customerId,
  onMerged,
  onError,
}: {
  api: ConsoleApi;
  customerId: string;
  onMerged: () => void;
  onError: (err: unknown) => void;
}) {
  const [duplicateId, setDuplicateId] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    api.mergeCustomer(customerId, duplicateId.trim(), reason.trim()).then(
      (r) => {
        setResult(`Merged: ${r.movedConversations} conversation(s) moved here.`);
        setDuplicateId('');
        setReason('');
        onMerged();
      },
      (err: unknown) => {
        setResult(err instanceof Error ? err.message : String(err));
        onError(err);
      },
    );
  };
  return (
    <details className="merge">
      <summary>Same person as another customer?</summary>
      <form className="merge-form" onSubmit={submit}>
        <label className="merge-field">
          Other customer id
          <input value={duplicateId} onChange={(e) => setDuplicateId(e.target.value)} required />
        </label>
        <label className="merge-field">
          Why they are the same person
          <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} required />
        </label>
        <button type="submit" className="btn">
          Merge into this customer
        </button>
        {result && <p className="small">{result}</p>}
      </form>
    </details>
  );
}
