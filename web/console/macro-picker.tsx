import { type KeyboardEvent, useId, useState } from 'react';
import type { Macro } from './api-client.ts';
import { filterMacros } from './filter-macros.ts';

type Props = {
  macros: readonly Macro[];
  onPick: (macro: Macro) => void;
  /** Closed without a pick: Escape (focus goes back to the reply) or focus moved elsewhere. */
  onClose: (how: 'escape' | 'blur') => void;
};

/** Searchable list of canned replies: type to filter, arrows to move, Enter to insert, Escape to close. */
export function MacroPicker({ macros, onPick, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = filterMacros(macros, query);
  const current = Math.min(active, Math.max(0, shown.length - 1));
  const optionId = (i: number) => `${listId}-${i}`;

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (shown.length > 0)
        setActive((current + (e.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const m = shown[current];
      if (m) onPick(m);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose('escape');
    }
  }

  return (
    <div className="macro-picker">
      <input
        className="macro-search"
        role="combobox"
        aria-label="Search macros"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown.length > 0 ? optionId(current) : undefined}
        placeholder="Search macros…"
        // biome-ignore lint/a11y/noAutofocus: the picker opens to be typed into
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => onClose('blur')}
      />
      <div className="macro-list" role="listbox" id={listId} aria-label="Macros">
        {shown.map((m, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the search box drives the list from the keyboard
          <div
            key={m.id}
            tabIndex={-1}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'macro macro-on' : 'macro'}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => onPick(m)}
          >
            <strong>
              {m.title}
              {m.team && <span className="tag">{m.team}</span>}
            </strong>
            <span className="macro-text">{m.text}</span>
          </div>
        ))}
      </div>
      {shown.length === 0 && <p className="macro-none">No macro matches “{query}”.</p>}
      <p className="macro-keys" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> choose · <kbd>Enter</kbd> insert · <kbd>Esc</kbd> close
      </p>
    </div>
  );
}
