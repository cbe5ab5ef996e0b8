/** What the widget keeps in localStorage so a reload resumes the same conversation. */
export type SavedSession = {
  conversationId: string;
  token: string;
  /** Highest seq the customer has seen with the panel open (drives the unread badge). */
  lastSeenSeq: number;
  /** Messages sent but not acknowledged yet; resent (same clientMessageId) after a reload. */
  outbox: { clientMessageId: string; text: string; createdAt: string }[];
  open: boolean;
};

/** Reads, writes and forgets one widget's saved session under a key per server, pack and signed-in customer. */
export class SessionStore {
  readonly #key: string;
  readonly #storage: Storage | null;

  constructor(server: string, pack: string | null, subject = '') {
    this.#key = `baton-widget:${server}:${pack ?? ''}${subject ? `:${encodeURIComponent(subject)}` : ''}`;
    this.#storage = safeLocalStorage();
  }

  load(): SavedSession | null {
    try {
      const raw = this.#storage?.getItem(this.#key);
      if (!raw) return null;
      const v = JSON.parse(raw) as Partial<SavedSession>;
      if (typeof v.conversationId !== 'string' || typeof v.token !== 'string') return null;
      return {
        conversationId: v.conversationId,
        token: v.token,
        lastSeenSeq: typeof v.lastSeenSeq === 'number' ? v.lastSeenSeq : 0,
        outbox: Array.isArray(v.outbox) ? v.outbox : [],
        open: v.open === true,
      };
    } catch {
      return null;
    }
  }

  save(session: SavedSession): void {
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(session));
    } catch {
      // Storage full or blocked (private mode): the widget still works for this page view.
    }
  }

  clear(): void {
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // Same as above.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
