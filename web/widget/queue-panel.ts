import { ApiError } from '../shared/request-json.ts';
import type { ChatSession } from './chat-session.ts';
import type { TicketRequest } from './customer-api.ts';
import { customerErrorText } from './customer-error.ts';
import type { StatusLine } from './describe-status.ts';

/** Markup of the panel shown while the customer waits in the queue (placed under the status line). */
export const queueMarkup = `
<div class="queue" id="queue" hidden>
  <div class="queue-actions">
    <button type="button" class="chip" data-q="message" id="q-message">Leave a message</button>
    <button type="button" class="chip" data-q="callback" id="q-callback">Request a callback</button>
    <button type="button" class="chip chip-quiet" data-q="cancel">Stop waiting</button>
  </div>
  <form class="ticket" id="ticket" hidden novalidate>
    <label class="ticket-field"><span id="ticket-contact-label">Your email</span>
      <input id="ticket-contact" type="email" autocomplete="email" required>
    </label>
    <label class="ticket-field"><span>Anything we should know? (optional)</span>
      <textarea id="ticket-note" rows="2" maxlength="4000"></textarea>
    </label>
    <p class="ticket-error" id="ticket-error" role="alert" hidden></p>
    <div class="ticket-buttons">
      <button type="button" class="link-btn" data-q="close">Cancel</button>
      <button type="submit" class="pill-btn" id="ticket-send">Send</button>
    </div>
  </form>
  <p class="ticket-done" id="ticket-done" role="status" hidden></p>
</div>`;

/** Drives the queue panel: stop waiting, or leave an email / phone number when nobody is available. */
export class QueuePanel {
  readonly #root: ShadowRoot;
  readonly #session: () => ChatSession | null;
  #kind: TicketRequest['kind'] = 'message';
  #sent = false;

  constructor(root: ShadowRoot, session: () => ChatSession | null) {
    this.#root = root;
    this.#session = session;
    this.#el('queue').addEventListener('click', (e) => {
      const action = (e.target as HTMLElement).closest<HTMLElement>('[data-q]')?.dataset.q;
      if (action === 'message' || action === 'callback') this.#openForm(action);
      else if (action === 'close') this.#closeForm();
      else if (action === 'cancel') void this.#cancel();
    });
    this.#el('ticket').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#submit();
    });
  }

  /** Shows the panel while queued; the ticket choices only when the status offers them. */
  render(status: StatusLine | null): void {
    const queued = status?.kind === 'queued';
    this.#el('queue').hidden = !queued;
    if (!queued) {
      this.#sent = false;
      this.#closeForm();
      this.#el('ticket-done').hidden = true;
      return;
    }
    const offer = status.offerTicket === true && !this.#sent;
    this.#el('q-message').hidden = !offer;
    this.#el('q-callback').hidden = !offer;
    if (!offer) this.#el('ticket').hidden = true;
  }

  #el<T extends HTMLElement = HTMLElement>(id: string): T {
    return this.#root.getElementById(id) as T;
  }

  #openForm(kind: TicketRequest['kind']): void {
    this.#kind = kind;
    const contact = this.#el<HTMLInputElement>('ticket-contact');
    contact.type = kind === 'message' ? 'email' : 'tel';
    contact.autocomplete = kind === 'message' ? 'email' : 'tel';
    this.#el('ticket-contact-label').textContent = kind === 'message' ? 'Your email' : 'Your phone number';
    this.#el('ticket-error').hidden = true;
    this.#el('ticket').hidden = false;
    contact.focus();
  }

  #closeForm(): void {
    this.#el('ticket').hidden = true;
  }

  async #cancel(): Promise<void> {
    await this.#session()?.cancelWaiting();
  }

  async #submit(): Promise<void> {
    const contact = this.#el<HTMLInputElement>('ticket-contact').value.trim();
    const note = this.#el<HTMLTextAreaElement>('ticket-note').value.trim();
    if (!contact) {
      this.#showError(
        new Error(this.#kind === 'message' ? 'Please enter your email.' : 'Please enter your phone number.'),
      );
      return;
    }
    const ticket: TicketRequest =
      this.#kind === 'message'
        ? { kind: 'message', email: contact, ...(note && { note }) }
        : { kind: 'callback', phone: contact, ...(note && { note }) };
    const send = this.#el<HTMLButtonElement>('ticket-send');
    send.disabled = true;
    try {
      await this.#session()?.leaveTicket(ticket);
      this.#sent = true;
      this.#closeForm();
      const done = this.#el('ticket-done');
      done.textContent =
        this.#kind === 'message'
          ? `Thanks! We will write to ${contact}.`
          : `Thanks! We will call you at ${contact}.`;
      done.hidden = false;
      this.#el('q-message').hidden = true;
      this.#el('q-callback').hidden = true;
    } catch (err) {
      this.#showError(err);
    } finally {
      send.disabled = false;
    }
  }

  #showError(err: unknown): void {
    const box = this.#el('ticket-error');
    box.textContent =
      err instanceof ApiError
        ? customerErrorText(err.code, this.#kind === 'message' ? 'email' : 'phone')
        : err instanceof Error
          ? err.message
          : String(err);
    box.hidden = false;
  }
}
