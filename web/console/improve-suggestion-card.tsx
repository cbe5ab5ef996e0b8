import { useState } from 'react';
import type { StoredSuggestionView } from '../../src/protocol/improve.ts';
import { type PackChange, packChangeSchema } from '../../src/protocol/learning.ts';
import { describeEffect } from './describe-effect.ts';

type Props = {
  item: StoredSuggestionView;
  onApprove: (change?: PackChange[]) => Promise<void>;
  onReject: (reason: string) => Promise<void>;
  onShadow: () => Promise<void>;
};

const kindNames: Record<string, string> = {
  intent_example: 'Intent examples',
  new_intent: 'New intent',
  kb_article: 'Knowledge-base draft',
  policy_cue: 'Policy change',
  policy_threshold: 'Policy threshold',
  policy_suppress: 'Suppression',
  topic_team: 'Topic team',
  learned_signal: 'Learned signal',
};

/** Reads an edited change: JSON of pack operations, checked before it is sent. */
function parseChange(text: string): PackChange[] {
  const parsed = packChangeSchema.array().min(1).safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'not a valid change');
  return parsed.data;
}

/** One suggestion: what it changes, its evidence and predicted effect; approve, edit, try in shadow, or reject. */
export function ImproveSuggestionCard({ item, onApprove, onReject, onShadow }: Props) {
  const s = item.suggestion;
  const [mode, setMode] = useState<'view' | 'edit' | 'reject'>('view');
  const [draft, setDraft] = useState(() => JSON.stringify(s.change, null, 2));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  const waiting = item.status === 'waiting';
  return (
    <article className={`card improve-card improve-${item.status}`} aria-label={s.title}>
      <header className="improve-card-head">
        <span className="badge">{kindNames[s.kind] ?? s.kind}</span>
        <h3>{s.title}</h3>
        {!waiting && (
          <span className={`badge improve-status-${item.status}`}>
            {item.status}
            {item.version ? ` · v${item.version}` : ''}
          </span>
        )}
      </header>
      <div className="improve-card-body">
        <section>
          <h4>Evidence</h4>
          <ul className="improve-facts">
            {Object.entries(s.evidence.counts).map(([k, v]) => (
              <li key={k}>
                {k}: <strong>{v}</strong>
              </li>
            ))}
            {s.evidence.terms.length > 0 && <li>terms: {s.evidence.terms.join(', ')}</li>}
            {s.evidence.conversations.length > 0 && (
              <li title={s.evidence.conversations.join(', ')}>
                from {s.evidence.conversations.length} conversation
                {s.evidence.conversations.length > 1 ? 's' : ''}
              </li>
            )}
          </ul>
          {s.evidence.quotes.slice(0, 3).map((q) => (
            <blockquote key={q}>{q}</blockquote>
          ))}
        </section>
        {s.change.flatMap((c) =>
          c.op === 'add_article'
            ? [
                <section key={c.article.id} className="improve-draft">
                  <h4>Draft article</h4>
                  <p>
                    <strong>{c.article.title}</strong>
                  </p>
                  <p>{c.article.body}</p>
                </section>,
              ]
            : [],
        )}
        <section>
          <h4>Predicted effect</h4>
          <ul className="improve-facts">
            {describeEffect(s.effect).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      </div>
      {mode === 'edit' ? (
        <label className="field">
          <span>Change (pack operations, JSON)</span>
          <textarea rows={10} value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} />
        </label>
      ) : (
        <details className="improve-change">
          <summary>What it changes</summary>
          <pre>{JSON.stringify(s.change, null, 2)}</pre>
        </details>
      )}
      {mode === 'reject' && (
        <label className="field">
          <span>Why not? (it will not be proposed again)</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </label>
      )}
      {item.reason && !waiting && <p className="muted small">Reason: {item.reason}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {waiting && (
        <div className="modal-buttons">
          {mode === 'view' && (
            <>
              <button
                type="button"
                className="btn btn-ghost"
                disabled={busy}
                onClick={() => setMode('reject')}
              >
                Reject
              </button>
              <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => act(onShadow)}>
                Try in shadow
              </button>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={busy}
                onClick={() => setMode('edit')}
              >
                Edit
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                onClick={() => act(() => onApprove())}
              >
                Approve
              </button>
            </>
          )}
          {mode === 'edit' && (
            <>
              <button type="button" className="btn btn-ghost" onClick={() => setMode('view')}>
                Cancel
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                onClick={() => act(() => onApprove(parseChange(draft)))}
              >
                Approve edited
              </button>
            </>
          )}
          {mode === 'reject' && (
            <>
              <button type="button" className="btn btn-ghost" onClick={() => setMode('view')}>
                Cancel
              </button>
              <button
                type="button"
                className="btn btn-danger"
                disabled={busy || reason.trim() === ''}
                onClick={() => act(() => onReject(reason.trim()))}
              >
                Reject suggestion
              </button>
            </>
          )}
        </div>
      )}
    </article>
  );
}
