import { type FormEvent, useState } from 'react';
import type { ConsoleApi } from './api-client.ts';
import { FormFooter } from './form-footer.tsx';
import { Modal } from './modal.tsx';

type Props = {
  api: ConsoleApi;
  conversationId: string;
  token: string;
  mask: string;
  onRevealed: (token: string, value: string) => void;
  onClose: () => void;
  onError: (err: unknown) => void;
};

/** Asks why a masked value is needed, reveals it (the server audits who, when and why), and shows it. */
export function RevealDialog({ api, conversationId, token, mask, onRevealed, onClose, onError }: Props) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [value, setValue] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setError('Say why you need to see this value (at least 3 characters).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.reveal(conversationId, token, reason.trim());
      setValue(res.value);
      onRevealed(token, res.value);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="Reveal a masked value"
      description={
        <>
          <span className="mask-text">{mask}</span> is personal data. Revealing it is recorded with your name
          and reason.
        </>
      }
      onClose={onClose}
    >
      {value === null ? (
        <form className="modal-form" onSubmit={submit}>
          <label className="field">
            <span>Reason</span>
            <textarea
              rows={2}
              maxLength={500}
              required
              // biome-ignore lint/a11y/noAutofocus: the dialog exists to take this one answer
              autoFocus
              value={reason}
              placeholder="e.g. Customer asked to confirm the card on file"
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <FormFooter error={error} busy={busy} label="Reveal" busyLabel="Revealing…" onCancel={onClose} />
        </form>
      ) : (
        <div className="modal-form">
          <p className="revealed-value" role="status">
            <span className="sr-only">Revealed value: </span>
            {value}
          </p>
          <p className="muted small">This reveal was recorded in the audit log.</p>
          <div className="modal-buttons">
            <button type="button" className="btn btn-primary" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
