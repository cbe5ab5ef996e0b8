import { ApiError } from '../shared/request-json.ts';
import type { ChatSession, ChatView } from './chat-session.ts';
import { customerErrorText } from './customer-error.ts';
import { icons } from './widget-icons.ts';

const starLabels = [
  '1 star, poor',
  '2 stars, fair',
  '3 stars, good',
  '4 stars, very good',
  '5 stars, excellent',
];

/** Markup of the rating card shown once a conversation has ended (placed above the "ended" notice). */
export const ratingMarkup = `
<form class="rating" id="rating" hidden novalidate aria-labelledby="rating-title">
  <p class="rating-title" id="rating-title">How was this chat?</p>
  <div class="stars" id="stars" role="radiogroup" aria-labelledby="rating-title">
    ${starLabels
      .map(
        (label, i) =>
          `<label class="star" title="${label}"><input type="radio" name="rating" value="${i + 1}" class="sr-only" aria-label="${label}">${icons.star}</label>`,
      )
      .join('')}
  </div>
  <div class="rating-more" id="rating-more" hidden>
    <label for="rating-comment" class="sr-only">Comment (optional)</label>
    <textarea id="rating-comment" rows="1" maxlength="2000" placeholder="Anything to add? (optional)"></textarea>
    <p class="ticket-error" id="rating-error" role="alert" hidden></p>
    <button type="submit" class="pill-btn" id="rating-send">Submit</button>
  </div>
</form>
<div class="rating rating-done" id="rating-done" role="status" hidden>
  <span class="rating-done-text"><strong>Thanks for your feedback</strong><small id="rating-given"></small></span>
  <button type="button" class="link-btn" id="rating-change">Change</button>
</div>`;

/** Drives the rating card: 1-5 stars and an optional comment, then the thanks with the rating given. */
export class RatingCard {
  readonly #root: ShadowRoot;
  readonly #session: () => ChatSession | null;
  /** The customer chose to change a rating already given. */
  #editing = false;
  /** Move focus to the stars when the card appears (the customer just ended the chat from its button). */
  #focusNext = false;

  constructor(root: ShadowRoot, session: () => ChatSession | null) {
    this.#root = root;
    this.#session = session;
    this.#el('stars').addEventListener('change', () => {
      this.#el('rating-more').hidden = false;
      this.#el('rating-error').hidden = true;
    });
    this.#el('rating').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#submit();
    });
    this.#el('rating-change').addEventListener('click', () => {
      this.#editing = true;
      const view = this.#session()?.view;
      if (view) this.render(view);
      this.#root.querySelector<HTMLInputElement>('#stars input:checked')?.focus();
    });
  }

  /** Focuses the first star once the card shows (the button that ended the chat disappears). */
  focusWhenShown(): void {
    this.#focusNext = true;
  }

  /** Shows the card while an ended conversation is not rated (or being re-rated), else the thanks. */
  render(view: ChatView): void {
    const state = view.conversation?.state;
    const ended = (state === 'resolved' || state === 'closed') && view.csat !== undefined;
    const rated = ended && view.csat != null;
    if (!ended) this.#editing = false;
    const form = this.#el('rating');
    const showForm = ended && (!rated || this.#editing);
    if (showForm && form.hidden) this.#reset(view.csat ?? null);
    form.hidden = !showForm;
    if (showForm && this.#focusNext) {
      this.#focusNext = false;
      this.#root.querySelector<HTMLInputElement>('#stars input')?.focus();
    }
    this.#el('rating-done').hidden = !rated || this.#editing;
    if (rated && view.csat) {
      const { rating } = view.csat;
      const stars = Object.assign(document.createElement('span'), { textContent: ` ${'★'.repeat(rating)}` });
      stars.setAttribute('aria-hidden', 'true');
      this.#el('rating-given').replaceChildren(`You rated this chat ${rating} out of 5`, stars);
    }
  }

  #el<T extends HTMLElement = HTMLElement>(id: string): T {
    return this.#root.getElementById(id) as T;
  }

  /** Clears the form, or fills it with the rating being changed. */
  #reset(previous: { rating: number; comment: string | null } | null): void {
    for (const input of this.#root.querySelectorAll<HTMLInputElement>('#stars input'))
      input.checked = previous !== null && Number(input.value) === previous.rating;
    this.#el<HTMLTextAreaElement>('rating-comment').value = previous?.comment ?? '';
    this.#el('rating-more').hidden = previous === null;
    this.#el('rating-error').hidden = true;
  }

  async #submit(): Promise<void> {
    const checked = this.#root.querySelector<HTMLInputElement>('#stars input:checked');
    if (!checked) {
      this.#showError('Please choose from 1 to 5 stars.');
      return;
    }
    const send = this.#el<HTMLButtonElement>('rating-send');
    send.disabled = true;
    try {
      await this.#session()?.rate(
        Number(checked.value),
        this.#el<HTMLTextAreaElement>('rating-comment').value.trim(),
      );
      this.#editing = false;
      const view = this.#session()?.view;
      if (view) this.render(view);
      this.#el('rating-change').focus();
    } catch (err) {
      this.#showError(customerErrorText(err instanceof ApiError ? err.code : undefined, 'other'));
    } finally {
      send.disabled = false;
    }
  }

  #showError(message: string): void {
    const box = this.#el('rating-error');
    box.textContent = message;
    box.hidden = false;
  }
}
