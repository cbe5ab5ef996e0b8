import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';

type Props = {
  /** Why the agent cannot reply to the customer now (internal notes stay possible), or null. */
  blockedReason: string | null;
  closed: boolean;
  onSend: (text: string, internal: boolean) => void;
};

/** The reply box: Enter sends, Shift+Enter adds a line; the toggle turns the message into an internal note. */
export function ReplyBox({ blockedReason, closed, onSend }: Props) {
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const hintId = useId();
  const blocked = closed || (!internal && blockedReason !== null);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const t = text.trim();
    if (!t || blocked) return;
    onSend(t, internal);
    setText('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  return (
    <form className={`reply${internal ? ' reply-internal' : ''}`} onSubmit={submit}>
      <textarea
        aria-label={internal ? 'Internal note' : 'Reply to the customer'}
        aria-describedby={hintId}
        placeholder={
          internal ? 'Write an internal note: only agents see it' : 'Write a reply… (Enter to send)'
        }
        value={text}
        rows={3}
        disabled={closed}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="reply-bar">
        <label className="switch">
          <input
            type="checkbox"
            checked={internal}
            onChange={(e) => setInternal(e.target.checked)}
            disabled={closed}
          />
          <span className="switch-track" aria-hidden="true" />
          Internal note
        </label>
        <span className="reply-hint" id={hintId}>
          {blocked ? blockedReason : 'Shift+Enter for a new line'}
        </span>
        <button type="submit" className="btn btn-primary" disabled={blocked || text.trim() === ''}>
          {internal ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  );
}
