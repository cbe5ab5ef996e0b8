import type { AuthorKind } from '../../src/protocol/conversation.ts';
import { displayText } from '../shared/display-text.ts';
import { icons } from './widget-icons.ts';

/** One transcript row as the widget shows it. */
export type MessageItem = {
  key: string;
  author: AuthorKind;
  /** Who wrote it, when the server named them (an agent's display name). */
  authorName: string | null;
  text: string;
  createdAt: string;
  /** Emergency guidance: shown as an alert, not as an ordinary bubble. */
  emergency: boolean;
  state: 'sent' | 'sending' | 'failed';
  error: string | null;
  /** Failed, but sending it again may work. */
  retryable: boolean;
  /** First of a run of rows by the same kind of author: shows the author label. */
  first: boolean;
};

const labels: Record<AuthorKind, string> = { customer: 'You', bot: 'Assistant', agent: 'Agent', system: '' };
const urlPattern = /\bhttps?:\/\/[^\s<>"')]+[^\s<>"').,;:!?]/g;

/** Creates an empty row; `updateMessageElement` fills it. */
export function createMessageElement(key: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'msg';
  el.dataset.key = key;
  return el;
}

/** Re-renders a row only when what it shows changed. */
export function updateMessageElement(el: HTMLElement, item: MessageItem): void {
  const sig = `${item.author}|${item.authorName}|${item.emergency}|${item.state}|${item.first}|${item.error}|${item.retryable}|${item.text}`;
  if (el.dataset.sig === sig) return;
  el.dataset.sig = sig;
  el.dataset.author = item.author;
  el.dataset.state = item.state;
  el.toggleAttribute('data-emergency', item.emergency);
  el.classList.toggle('first', item.first);
  el.replaceChildren();
  if (item.first && item.author !== 'system') el.append(meta(item));
  const bubble = document.createElement('div');
  bubble.className = 'bubble';
  // What the server sent is already neutralised; a message still being sent is as the visitor typed it.
  appendLinkified(bubble, displayText(item.text));
  const time = new Date(item.createdAt);
  if (!Number.isNaN(time.getTime())) bubble.title = time.toLocaleString();
  el.append(bubble);
  if (item.state !== 'sent') el.append(foot(item));
}

function meta(item: MessageItem): HTMLElement {
  const m = document.createElement('div');
  m.className = 'meta';
  if (item.author === 'bot' || item.author === 'agent') {
    const av = document.createElement('span');
    av.className = 'av';
    av.innerHTML = item.author === 'bot' ? icons.spark : icons.person;
    m.append(av);
  }
  m.append(item.authorName ?? labels[item.author]);
  return m;
}

function foot(item: MessageItem): HTMLElement {
  const f = document.createElement('div');
  f.className = 'foot';
  if (item.state === 'sending') {
    f.textContent = 'Sending…';
    return f;
  }
  f.append(`Not sent${item.error ? `: ${item.error}` : ''}`);
  const actions = [
    ...(item.retryable ? [['retry', 'Retry'] as const] : []),
    ['edit', 'Edit'] as const,
    ['discard', 'Remove'] as const,
  ];
  for (const [action, text] of actions) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link-btn';
    b.dataset.action = action;
    b.textContent = text;
    f.append(b);
  }
  return f;
}

function appendLinkified(parent: HTMLElement, text: string): void {
  let at = 0;
  for (const match of text.matchAll(urlPattern)) {
    const i = match.index ?? 0;
    if (i > at) parent.append(text.slice(at, i));
    const a = document.createElement('a');
    a.href = match[0];
    a.textContent = match[0];
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    parent.append(a);
    at = i + match[0].length;
  }
  if (at < text.length) parent.append(text.slice(at));
}
