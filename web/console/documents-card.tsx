import { useEffect, useState } from 'react';
import type { DocumentInfo } from '../../src/protocol/document.ts';
import type { ConsoleApi } from './api-client.ts';
import { clockTime } from './format.ts';

type Props = {
  api: ConsoleApi;
  conversationId: string;
  /** Changes when new messages arrive, so a document just sent shows up. */
  messageCount: number;
  onError: (err: unknown) => void;
};

/** Human-readable size: 1.2 MB, 340 KB. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** The documents the customer sent in this conversation, each downloadable by the people on the case. */
export function DocumentsCard({ api, conversationId, messageCount, onError }: Props) {
  const [documents, setDocuments] = useState<DocumentInfo[] | null>(null);
  const [denied, setDenied] = useState(false);

  useEffect(() => {
    let live = true;
    // Re-read when the message count changes: every document arrives with a customer message.
    void messageCount;
    api.documents(conversationId).then(
      (res) => {
        if (!live) return;
        setDocuments(res.documents);
        setDenied(false);
      },
      (err: unknown) => {
        if (!live) return;
        if ((err as { code?: string }).code === 'FORBIDDEN') setDenied(true);
        else onError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [api, conversationId, messageCount, onError]);

  const save = async (doc: DocumentInfo) => {
    try {
      const blob = await api.downloadDocument(conversationId, doc.id);
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = doc.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (err) {
      onError(err);
    }
  };

  if (denied) return null;
  if (!documents || documents.length === 0) return null;
  return (
    <section className="card" aria-labelledby="documents-title">
      <h3 id="documents-title">Documents ({documents.length})</h3>
      <ul className="documents">
        {documents.map((d) => (
          <li key={d.id}>
            <button type="button" className="link" onClick={() => void save(d)}>
              {d.name}
            </button>
            <span className="muted small">
              {' '}
              {d.kind ? `${d.kind.replaceAll('_', ' ')} · ` : ''}
              {d.mediaType} · {formatBytes(d.size)} · {d.channel} · {clockTime(d.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
