import { browserReader } from '../shared/browser-reader.ts';
import { canRetry } from '../shared/message-log.ts';
import { ChatSession, type ChatView } from './chat-session.ts';
import { describeHeader, describeStatus } from './describe-status.ts';
import { findEmergency, isEmergency } from './find-emergency.ts';
import { localizeNote } from './localize-note.ts';
import { createMessageElement, type MessageItem, updateMessageElement } from './message-element.ts';
import { QueuePanel, queueMarkup } from './queue-panel.ts';
import { RatingCard, ratingMarkup } from './rating-card.ts';
import { readIdentity } from './read-identity.ts';
import { icons } from './widget-icons.ts';
import { widgetStyles } from './widget-styles.ts';

const template = `
<section class="panel" id="panel" role="dialog" aria-labelledby="title" aria-describedby="subtitle" hidden>
  <header class="head">
    <div class="head-avatar">${icons.chat}</div>
    <div class="titles">
      <h2 id="title"></h2>
      <p id="subtitle"><span class="dot" aria-hidden="true"></span><span id="subtitle-text"></span></p>
    </div>
    <button type="button" class="icon-btn" id="minimize" aria-label="Close chat">${icons.chevron}</button>
  </header>
  <div class="emergency" id="emergency" role="alert" hidden>
    <span class="emergency-icon" aria-hidden="true">!</span>
    <div><strong>Emergency</strong><p id="emergency-text"></p></div>
  </div>
  <div class="status" id="status" role="status" aria-live="polite"></div>
  ${queueMarkup}
  <div class="log" id="log" role="log" aria-live="polite" aria-relevant="additions" aria-label="Conversation" tabindex="0">
    <div class="intro" id="intro">
      <span class="intro-icon" aria-hidden="true">${icons.spark}</span>
      <strong>Hi there!</strong>
      Ask us anything. Our assistant answers right away, and a person from the team steps in whenever you need one.
    </div>
  </div>
  <div class="typing" id="typing" role="status" aria-live="polite" hidden><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span><span id="typing-text"></span></div>
  <div class="alert" id="alert" role="alert" hidden></div>
  ${ratingMarkup}
  <div class="ended" id="ended" hidden>
    <span id="ended-text"></span>
    <button type="button" class="pill-btn" id="start-over">New conversation</button>
  </div>
  <form class="composer" id="composer">
    <label for="input" class="sr-only">Your message</label>
    <input type="file" id="file" class="sr-only" tabindex="-1" aria-label="Document to send" accept="application/pdf,image/*,text/plain">
    <button type="button" class="icon-btn attach" id="attach" aria-label="Send a document">${icons.clip}</button>
    <textarea id="input" rows="1" placeholder="Write a message…" autocomplete="off"></textarea>
    <button type="submit" class="send" id="send" aria-label="Send message" disabled>${icons.send}</button>
  </form>
  <div class="foot-row">
    <button type="button" class="link-btn end-btn" id="end-chat" hidden>End chat</button>
    <p class="brand">Powered by Baton</p>
  </div>
</section>
<button type="button" class="launcher" id="launcher" aria-controls="panel" aria-expanded="false">
  <span id="launcher-icon">${icons.chat}</span>
  <span class="badge" id="badge" aria-hidden="true" hidden></span>
</button>`;

/** `<baton-widget pack="bank" server="https://…">`: the customer chat launcher and panel. */
export class BatonWidget extends HTMLElement {
  static observedAttributes = ['pack', 'server', 'heading', 'accent', 'customer-name', 'customer-email'];
  /** Server used when the element has no `server` attribute: the origin widget.js was loaded from. */
  static defaultServer = window.location.origin;

  readonly #root: ShadowRoot;
  readonly #rows = new Map<string, HTMLElement>();
  readonly #queue: QueuePanel;
  readonly #rating: RatingCard;
  #session: ChatSession | null = null;
  #open = false;
  /** Follow new messages unless the customer scrolled up to read. */
  #stick = true;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = widgetStyles;
    const holder = document.createElement('div');
    holder.innerHTML = template;
    this.#root.append(style, ...holder.childNodes);
    this.#queue = new QueuePanel(this.#root, () => this.#session);
    this.#rating = new RatingCard(this.#root, () => this.#session);
    this.#wire();
  }

  connectedCallback(): void {
    this.#applyLook();
    this.#startSession();
  }

  disconnectedCallback(): void {
    this.#session?.dispose();
    this.#session = null;
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (before === after || !this.isConnected) return;
    if (name === 'pack' || name === 'server') this.#startSession();
    else if (name === 'customer-name' || name === 'customer-email')
      this.#session?.describeCustomer(this.#contact());
    else this.#applyLook();
  }

  /** Opens the chat panel (creating the conversation on first open). */
  open(focus = true): void {
    this.#setOpen(true, focus);
  }

  /** Closes the chat panel. */
  close(): void {
    this.#setOpen(false, true);
  }

  #el<T extends HTMLElement = HTMLElement>(id: string): T {
    return this.#root.getElementById(id) as T;
  }

  #server(): string {
    return (this.getAttribute('server') || BatonWidget.defaultServer).replace(/\/+$/, '');
  }

  /** Who the host page says the visitor is (attributes `customer-name`, `customer-email`). */
  #contact(): { name: string | null; email: string | null } {
    return { name: this.getAttribute('customer-name'), email: this.getAttribute('customer-email') };
  }

  #startSession(): void {
    this.#session?.dispose();
    for (const row of this.#rows.values()) row.remove();
    this.#rows.clear();
    const { name, email } = this.#contact();
    const externalId = this.getAttribute('customer-id');
    const customer =
      name || email || externalId
        ? { ...(name && { name }), ...(email && { email }), ...(externalId && { externalId }) }
        : undefined;
    const session = new ChatSession({
      server: this.#server(),
      pack: this.getAttribute('pack'),
      customer,
      // Read when the conversation is created, so a host that refreshes a short-lived token is always current.
      identity: () => readIdentity(this),
      onChange: (view) => {
        if (this.#session === session) this.#render(view);
      },
    });
    this.#session = session;
    this.#render(session.view);
    session.resume();
    if (session.wasOpen) this.#setOpen(true, false);
    else if (this.#open) void session.open();
  }

  #applyLook(): void {
    this.#el('title').textContent = this.getAttribute('heading') || 'Support';
    const accent = this.getAttribute('accent');
    if (accent) this.style.setProperty('--accent', accent);
    else this.style.removeProperty('--accent');
  }

  #wire(): void {
    const input = this.#el<HTMLTextAreaElement>('input');
    const send = this.#el<HTMLButtonElement>('send');
    this.#el('launcher').addEventListener('click', () => this.#setOpen(!this.#open, true));
    this.#el('minimize').addEventListener('click', () => this.close());
    this.#el('end-chat').addEventListener('click', () => {
      this.#rating.focusWhenShown();
      void this.#session?.end();
    });
    this.#el('start-over').addEventListener('click', () => {
      void this.#session?.startOver();
      input.focus();
    });
    this.#el('panel').addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    input.addEventListener('input', () => {
      send.disabled = input.value.trim() === '';
      this.#session?.draftChanged(input.value);
      input.style.height = 'auto';
      input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.#submit();
      }
    });
    const file = this.#el<HTMLInputElement>('file');
    this.#el('attach').addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const picked = file.files?.[0];
      file.value = '';
      if (picked && this.#session) void this.#session.upload(picked).then(() => this.#scrollToEnd(true));
    });
    this.#el('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      this.#submit();
    });
    const log = this.#el('log');
    log.addEventListener('scroll', () => {
      this.#stick = log.scrollHeight - log.scrollTop - log.clientHeight < 60;
    });
    log.addEventListener('click', (e) => {
      const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
      const key = button?.closest<HTMLElement>('.msg')?.dataset.key;
      if (!button || !key?.startsWith('c:')) return;
      const id = key.slice(2);
      const action = button.dataset.action;
      if (action === 'retry') this.#session?.retry(id);
      else if (action === 'edit') this.#edit(id);
      else this.#session?.discard(id);
    });
  }

  /** Puts a refused message back in the composer to fix it. */
  #edit(clientMessageId: string): void {
    const p = this.#session?.view.pending.find((x) => x.clientMessageId === clientMessageId);
    if (!p) return;
    this.#session?.discard(clientMessageId);
    const input = this.#el<HTMLTextAreaElement>('input');
    input.value = p.text;
    input.dispatchEvent(new Event('input'));
    input.focus();
  }

  #submit(): void {
    const input = this.#el<HTMLTextAreaElement>('input');
    const text = input.value.trim();
    if (!text || !this.#session) return;
    input.value = '';
    input.style.height = 'auto';
    this.#el<HTMLButtonElement>('send').disabled = true;
    void this.#session.send(text);
    this.#scrollToEnd(true);
  }

  #setOpen(open: boolean, focus: boolean): void {
    this.#open = open;
    this.#el('panel').hidden = !open;
    this.toggleAttribute('data-open', open);
    const launcher = this.#el('launcher');
    launcher.setAttribute('aria-expanded', String(open));
    this.#el('launcher-icon').innerHTML = open ? icons.close : icons.chat;
    if (open) {
      void this.#session?.open();
      this.#scrollToEnd(true);
      if (focus) this.#el('input').focus();
    } else {
      this.#session?.close();
      if (focus) launcher.focus();
    }
    if (this.#session) this.#render(this.#session.view);
  }

  #render(view: ChatView): void {
    // Emergency guidance is pinned above everything, outside the scrolling log, for as long as the chat is open.
    const emergency = findEmergency(view.messages);
    const emergencyEl = this.#el('emergency');
    emergencyEl.hidden = emergency === null;
    const emergencyText = this.#el('emergency-text');
    if (emergencyText.textContent !== (emergency ?? '')) emergencyText.textContent = emergency ?? '';
    const status = describeStatus(view);
    const statusEl = this.#el('status');
    statusEl.dataset.kind = status?.kind ?? '';
    const statusKey = status ? `${status.kind}|${status.text}|${status.detail ?? ''}` : '';
    if (statusEl.dataset.key !== statusKey) {
      statusEl.dataset.key = statusKey;
      statusEl.replaceChildren();
      if (status) {
        if (status.kind !== 'assigned')
          statusEl.append(Object.assign(document.createElement('span'), { className: 'spinner' }));
        const lines = document.createElement('span');
        lines.className = 'status-lines';
        lines.append(Object.assign(document.createElement('strong'), { textContent: status.text }));
        if (status.detail)
          lines.append(Object.assign(document.createElement('small'), { textContent: status.detail }));
        statusEl.append(lines);
      }
    }
    this.#queue.render(status);
    this.#el('subtitle-text').textContent = describeHeader(view);
    this.#el('subtitle')
      .querySelector('.dot')
      ?.classList.toggle('off', view.connection === 'offline');

    const alert = this.#el('alert');
    alert.hidden = !view.error;
    alert.textContent = view.error ?? '';

    const state = view.conversation?.state;
    const ended = state === 'resolved' || state === 'closed';
    this.#el('ended').hidden = !ended;
    // Ending is for a conversation the assistant holds; a person resolves theirs.
    this.#el('end-chat').hidden = state !== 'bot' || view.messages.length === 0;
    this.#rating.render(view);
    this.#el('ended-text').textContent =
      state === 'closed' ? 'This conversation is closed.' : 'Chat ended. Need more help? Just write.';
    this.#el<HTMLTextAreaElement>('input').disabled = state === 'closed';
    const typing = this.#el('typing');
    typing.hidden = view.agentTyping === false;
    if (view.agentTyping !== false)
      this.#el('typing-text').textContent = `${view.agentTyping ?? 'The agent'} is typing…`;

    const badge = this.#el('badge');
    badge.hidden = this.#open || view.unread === 0;
    badge.textContent = String(view.unread);
    this.#el('launcher').setAttribute(
      'aria-label',
      this.#open
        ? 'Close support chat'
        : `Open support chat${view.unread ? `, ${view.unread} unread message${view.unread === 1 ? '' : 's'}` : ''}`,
    );
    this.#renderLog(view);
  }

  #renderLog(view: ChatView): void {
    const items = toItems(view);
    this.#el('intro').hidden = items.length > 0 || view.phase === 'starting';
    let prev: Element = this.#el('intro');
    const keep = new Set<string>();
    for (const item of items) {
      keep.add(item.key);
      let row = this.#rows.get(item.key);
      if (!row) {
        row = createMessageElement(item.key);
        this.#rows.set(item.key, row);
      }
      updateMessageElement(row, item);
      if (prev.nextElementSibling !== row) prev.after(row);
      prev = row;
    }
    for (const [key, row] of this.#rows) {
      if (keep.has(key)) continue;
      row.remove();
      this.#rows.delete(key);
    }
    if (this.#stick) this.#scrollToEnd(false);
  }

  #scrollToEnd(force: boolean): void {
    if (force) this.#stick = true;
    if (!this.#open) return;
    const log = this.#el('log');
    log.scrollTop = log.scrollHeight;
  }
}

/** The transcript rows: stored messages in seq order, then what is still being sent. */
function toItems(view: ChatView): MessageItem[] {
  const reader = browserReader();
  const rows: Omit<MessageItem, 'first'>[] = [
    ...view.messages.map((m) => ({
      key: m.clientMessageId && m.authorKind === 'customer' ? `c:${m.clientMessageId}` : `s:${m.seq}`,
      author: m.authorKind,
      authorName: typeof m.metadata.authorName === 'string' ? m.metadata.authorName : null,
      text:
        m.authorKind === 'system' ? localizeNote(m.text, m.metadata, new Date(m.createdAt), reader) : m.text,
      createdAt: m.createdAt,
      emergency: isEmergency(m),
      state: 'sent' as const,
      error: null,
      retryable: false,
    })),
    ...view.pending
      .filter((p) => !view.messages.some((m) => m.clientMessageId === p.clientMessageId))
      .map((p) => ({
        key: `c:${p.clientMessageId}`,
        author: 'customer' as const,
        authorName: null,
        text: p.text,
        createdAt: p.createdAt,
        emergency: false,
        state: p.status,
        error: p.error,
        retryable: canRetry(p),
      })),
  ];
  // A new agent (after a transfer) starts a new run, so their name shows.
  return rows.map((r, i) => ({
    ...r,
    first: i === 0 || rows[i - 1]!.author !== r.author || rows[i - 1]!.authorName !== r.authorName,
  }));
}
