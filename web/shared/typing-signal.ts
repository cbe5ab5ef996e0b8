import { typingThrottleMs } from '../../src/protocol/typing.ts';

/** After this long without a keystroke, the typist counts as stopped. */
const idleMs = 4_000;

/**
 * Tells the other side when this side types: "typing" at once, then at most once per `typingThrottleMs` while
 * keys keep coming, and "stopped" once when the text is cleared or sent, or after a few idle seconds.
 */
export class TypingSignal {
  readonly #send: (typing: boolean) => void;
  readonly #now: () => number;
  #typing = false;
  #lastSent = Number.NEGATIVE_INFINITY;
  #idle: ReturnType<typeof setTimeout> | null = null;

  constructor(send: (typing: boolean) => void, now: () => number = Date.now) {
    this.#send = send;
    this.#now = now;
  }

  /** The draft changed: typing while it holds text, stopped once it is empty. */
  input(text: string): void {
    if (!text.trim()) {
      this.stop();
      return;
    }
    const now = this.#now();
    if (!this.#typing || now - this.#lastSent >= typingThrottleMs) {
      this.#typing = true;
      this.#lastSent = now;
      this.#send(true);
    }
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.stop(), idleMs);
  }

  /** The draft was sent, cleared or abandoned. */
  stop(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    if (!this.#typing) return;
    this.#typing = false;
    this.#send(false);
  }
}
