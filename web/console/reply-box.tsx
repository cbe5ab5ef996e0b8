import {
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { Macro } from './api-client.ts';
import { insertText, opensMacroPicker } from './filter-macros.ts';
import { MacroPicker } from './macro-picker.tsx';

type Props = {
  /** Why the agent cannot reply to the customer now (internal notes stay possible), or null. */
  blockedReason: string | null;
  closed: boolean;
  macros: readonly Macro[];
  onSend: (text: string, internal: boolean) => void;
  /** The draft changed (to tell the customer the agent is typing). */
  onDraft?: (text: string, internal: boolean) => void;
  /** Focus the box when it appears (the agent just accepted or opened their conversation). */
  focusOnOpen?: boolean;
};

/**
 * The reply box: Enter sends, Shift+Enter adds a line; the toggle turns the message into an internal note.
 * "/" at the start of a line (or the Macros button) opens the macro picker; a macro is inserted for editing.
 */
export function ReplyBox({ blockedReason, closed, macros, onSend, onDraft, focusOnOpen = false }: Props) {
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const [picking, setPicking] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const selection = useRef({ start: 0, end: 0 });
  const caretAfter = useRef<number | null>(null);
  const hintId = useId();
  const blocked = closed || (!internal && blockedReason !== null);

  useEffect(() => {
    if (focusOnOpen) box.current?.focus();
  }, [focusOnOpen]);

  useEffect(() => {
    onDraft?.(text, internal);
  }, [onDraft, text, internal]);

  useLayoutEffect(() => {
    const el = box.current;
    if (caretAfter.current === null || !el) return;
    el.focus();
    el.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  });

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const t = text.trim();
    if (!t || blocked) return;
    onSend(t, internal);
    setText('');
  }

  function openPicker() {
    const el = box.current;
    selection.current = { start: el?.selectionStart ?? text.length, end: el?.selectionEnd ?? text.length };
    setPicking(true);
  }

  /** Closes the picker; with a caret, focus returns to the reply box there (unless a pick already set one). */
  function closePicker(caret: number | null) {
    setPicking(false);
    if (caret !== null && caretAfter.current === null) caretAfter.current = caret;
  }

  function pick(m: Macro) {
    const next = insertText(text, selection.current.start, selection.current.end, m.text);
    setText(next.text);
    closePicker(next.caret);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    const el = e.currentTarget;
    if (
      e.key === '/' &&
      macros.length > 0 &&
      el.selectionStart === el.selectionEnd &&
      opensMacroPicker(text, el.selectionStart)
    ) {
      e.preventDefault();
      openPicker();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  return (
    <form className={`reply${internal ? ' reply-internal' : ''}`} onSubmit={submit}>
      {picking && (
        <MacroPicker
          macros={macros}
          onPick={pick}
          onClose={(how) => closePicker(how === 'escape' ? selection.current.end : null)}
        />
      )}
      <textarea
        ref={box}
        aria-label={internal ? 'Internal note' : 'Reply to the customer'}
        aria-describedby={hintId}
        placeholder={
          internal
            ? 'Write an internal note: only agents see it'
            : `Write a reply… (Enter to send${macros.length > 0 ? ', / for macros' : ''})`
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
        {macros.length > 0 && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            aria-haspopup="listbox"
            aria-expanded={picking}
            aria-keyshortcuts="/"
            disabled={closed}
            onClick={() => (picking ? closePicker(selection.current.end) : openPicker())}
          >
            Macros
          </button>
        )}
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
