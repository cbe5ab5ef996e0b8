import { type FormEvent, useState } from 'react';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { ConsoleApi } from './api-client.ts';
import { FormFooter } from './form-footer.tsx';
import { Modal } from './modal.tsx';

type Props = {
  api: ConsoleApi;
  conversationId: string;
  onHandedBack: (c: Conversation) => void;
  onClose: () => void;
  onError: (err: unknown) => void;
};

/** Hands the conversation back to the assistant, with an optional summary of where things stand. */
export function HandBackDialog({ api, conversationId, onHandedBack, onClose, onError }: Props) {
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onHandedBack((await api.handBack(conversationId, summary.trim() || undefined)).conversation);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
      setBusy(false);
    }
  }

  return (
    <Modal
      title="Hand back to the assistant"
      description="The assistant takes the conversation over again and uses your summary: it will not repeat steps you already solved. The customer sees the summary in the chat."
      onClose={onClose}
    >
      <form className="modal-form" onSubmit={submit}>
        <label className="field">
          <span>Summary (optional)</span>
          <textarea
            rows={3}
            maxLength={4000}
            // biome-ignore lint/a11y/noAutofocus: the dialog exists to take this one answer
            autoFocus
            value={summary}
            placeholder="What was done and what fixed it (the customer sees this)"
            onChange={(e) => setSummary(e.target.value)}
          />
        </label>
        <FormFooter
          error={error}
          busy={busy}
          label="Hand back"
          busyLabel="Handing back…"
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
