/** What a console shortcut does. */
export type ShortcutAction = 'accept' | 'reply' | 'transfer' | 'resolve' | 'next' | 'previous' | 'help';

/** The shortcuts, as the help overlay lists them. */
export const shortcuts: { keys: string; action: ShortcutAction; does: string }[] = [
  { keys: 'Alt+A', action: 'accept', does: 'Accept the first offer' },
  { keys: 'Alt+R', action: 'reply', does: 'Go to the reply box' },
  { keys: 'Alt+T', action: 'transfer', does: 'Transfer the open conversation' },
  { keys: 'Alt+E', action: 'resolve', does: 'Resolve the open conversation' },
  { keys: 'Alt+N', action: 'next', does: 'Open the next conversation in the inbox' },
  { keys: 'Alt+P', action: 'previous', does: 'Open the previous conversation in the inbox' },
  { keys: '?', action: 'help', does: 'Show or hide this list' },
];

/** The key press as the matcher needs it; `editing` is true while typing in a field. */
export type KeyPress = {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  editing: boolean;
};

const byCode: Record<string, ShortcutAction> = {
  KeyA: 'accept',
  KeyR: 'reply',
  KeyT: 'transfer',
  KeyE: 'resolve',
  KeyN: 'next',
  KeyP: 'previous',
};

/**
 * The console action a key press asks for, or null. Alt+letter works everywhere (read by physical key, so a
 * keyboard layout that turns Alt+letter into a character still matches); "?" only outside text fields.
 */
export function matchShortcut(k: KeyPress): ShortcutAction | null {
  if (k.ctrlKey || k.metaKey) return null;
  if (k.altKey) return byCode[k.code] ?? null;
  return k.key === '?' && !k.editing ? 'help' : null;
}

/** The conversation after (or before) the selected one in the inbox order, wrapping around; null when empty. */
export function neighbour(ids: readonly string[], selected: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = selected === null ? -1 : ids.indexOf(selected);
  if (at === -1) return step === 1 ? ids[0]! : ids[ids.length - 1]!;
  return ids[(at + step + ids.length) % ids.length]!;
}
