import { useEffect, useState } from 'react';
import { matchShortcut, neighbour } from './match-shortcut.ts';

const isEditing = (el: Element | null) =>
  el instanceof HTMLTextAreaElement ||
  (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(el.type)) ||
  (el instanceof HTMLElement && el.isContentEditable);

const press = (selector: string) => {
  const button = document.querySelector<HTMLButtonElement>(selector);
  if (button && !button.disabled) button.click();
};

/**
 * The console's keyboard shortcuts: each presses the same control a mouse user would (so every rule of that
 * control holds), or moves through the inbox. Returns whether the help overlay is open, and its closer.
 */
export function useShortcuts(selectedId: string | null, onSelect: (id: string) => void) {
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]') && e.key !== '?') return;
      const action = matchShortcut({ ...e, editing: isEditing(document.activeElement) });
      if (!action) return;
      e.preventDefault();
      switch (action) {
        case 'accept':
          return press('.offer .offer-buttons .btn-primary');
        case 'reply':
          return document.querySelector<HTMLTextAreaElement>('.reply textarea')?.focus();
        case 'transfer':
          return press('.conv-head [data-action="transfer"]');
        case 'resolve':
          return press('.conv-head [data-action="resolve"]');
        case 'help':
          return setHelp((open) => !open);
        default: {
          const ids = [...document.querySelectorAll<HTMLElement>('.inbox [data-conversation-id]')].map(
            (row) => row.dataset.conversationId ?? '',
          );
          const id = neighbour(ids, selectedId, action === 'next' ? 1 : -1);
          if (id) onSelect(id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selectedId, onSelect]);
  return { help, closeHelp: () => setHelp(false) };
}
