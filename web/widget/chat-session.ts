import type { Csat } from '../../src/protocol/analytics.ts';
import type {
  Conversation,
  CreateConversationBody,
  IdentityProof,
  Message,
} from '../../src/protocol/conversation.ts';
import { typingExpiryMs } from '../../src/protocol/typing.ts';
import type { ServerMessage } from '../../src/protocol/ws.ts';
import { newClientId } from '../shared/client-id.ts';
import { lastSeq, mergeMessages, type PendingMessage, settlePending } from '../shared/message-log.ts';
import { ReconnectingSocket, type SocketStatus, socketUrl } from '../shared/reconnecting-socket.ts';
import { ApiError } from '../shared/request-json.ts';
import { TypingSignal } from '../shared/typing-signal.ts';
import { type CustomerApi, createCustomerApi, type TicketRequest } from './customer-api.ts';
import { customerErrorText } from './customer-error.ts';
import { identitySubject } from './read-identity.ts';
import { type SavedSession, SessionStore } from './saved-session.ts';

/** Everything the widget UI renders. */
export type ChatView = {
  /** `idle`: no conversation yet; `starting`: creating it; `failed`: creating it failed (see `error`). */
  phase: 'idle' | 'starting' | 'active' | 'failed';
  connection: SocketStatus;
  conversation: Conversation | null;
  messages: Message[];
  pending: PendingMessage[];
  /** The latest error not tied to one message, as the server worded it. */
  error: string | null;
  unread: number;
  /** The customer's rating once the conversation ended: undefined until loaded, null when not rated yet. */
  csat: Csat | null | undefined;
  /** The agent typing right now (their display name, or null for "The agent"), or false. */
  agentTyping: string | null | false;
};

export type ChatSessionOptions = {
  server: string;
  pack: string | null;
  customer?: CreateConversationBody['customer'];
  /** The host-signed identity of a signed-in customer, read when the conversation is created. */
  identity?: () => IdentityProof | undefined;
  onChange: (view: ChatView) => void;
};

/** The customer's side of one conversation: creates it, keeps it across reloads, and syncs it over WebSocket. */
export class ChatSession {
  readonly #o: ChatSessionOptions;
  readonly #store: SessionStore;
  readonly #socket: ReconnectingSocket;
  readonly #api: CustomerApi;
  #saved: SavedSession | null;
  #view: ChatView;
  #creating: Promise<void> | null = null;
  #isOpen = false;
  /** Highest seq the server itself delivered (acks do not count): where to resume after a reconnect. */
  #cursor = 0;
  #csatLoading = false;
  /** What the host page said about the visitor after the session started, before the conversation existed. */
  #laterContact: { name?: string; email?: string } | null = null;
  /** Tells the agent while the customer types (only when a person holds or is about to take the chat). */
  readonly #typing = new TypingSignal((typing) => {
    const id = this.#saved?.conversationId;
    const state = this.#view.conversation?.state;
    if (id && (state === 'assigned' || state === 'queued' || !typing))
      this.#socket.send({ type: 'typing', conversationId: id, typing });
  });
  #agentTypingTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: ChatSessionOptions) {
    this.#o = options;
    this.#store = new SessionStore(options.server, options.pack, identitySubject(options.identity?.()));
    this.#api = createCustomerApi(options.server);
    this.#saved = this.#store.load();
    this.#view = {
      phase: this.#saved ? 'active' : 'idle',
      connection: 'stopped',
      conversation: null,
      messages: [],
      pending: (this.#saved?.outbox ?? []).map((m) => ({
        ...m,
        internal: false,
        status: 'sending',
        error: null,
        seq: null,
      })),
      error: null,
      unread: 0,
      csat: undefined,
      agentTyping: false,
    };
    this.#socket = new ReconnectingSocket({
      url: socketUrl(options.server),
      token: () => this.#saved?.token ?? null,
      onReady: () => this.#onReady(),
      onMessage: (m) => this.#onServerMessage(m),
      onStatus: (connection) => this.#update({ connection }),
      onAuthRejected: () => this.#restart(),
    });
  }

  get view(): ChatView {
    return this.#view;
  }

  /** True when the panel was open before the page was reloaded. */
  get wasOpen(): boolean {
    return this.#saved?.open ?? false;
  }

  /** Connects a conversation saved by an earlier page view, if any (so unread messages show on the launcher). */
  resume(): void {
    if (!this.#saved) return;
    this.#socket.start();
    // The conversation may predate what the host page knows now (the visitor signed in since).
    const { name, email } = this.#o.customer ?? {};
    this.describeCustomer({ name: name ?? null, email: email ?? null });
  }

  /** The host page says who the visitor is: the agent sees their name from now on (a failure changes nothing). */
  describeCustomer(contact: { name: string | null; email: string | null }): void {
    const saved = this.#saved;
    const body = {
      ...(contact.name && { name: contact.name }),
      ...(contact.email && { email: contact.email }),
    };
    if (Object.keys(body).length === 0) return;
    if (!saved) {
      // No conversation yet: it is created with this profile.
      this.#laterContact = body;
      return;
    }
    this.#api.describeCustomer(saved.conversationId, saved.token, body).catch(() => {});
  }

  /** The panel opened: makes sure a conversation exists, and marks everything as seen. */
  async open(): Promise<void> {
    this.#isOpen = true;
    this.#persist({ open: true });
    this.markSeen();
    await this.#ensureConversation();
  }

  close(): void {
    this.#isOpen = false;
    this.#persist({ open: false });
  }

  /** The customer's draft changed: the agent sees them typing. */
  draftChanged(text: string): void {
    this.#typing.input(text);
  }

  #clearAgentTyping(): void {
    if (this.#agentTypingTimer) clearTimeout(this.#agentTypingTimer);
    this.#agentTypingTimer = null;
    if (this.#view.agentTyping !== false) this.#update({ agentTyping: false });
  }

  #showAgentTyping(m: Extract<ServerMessage, { type: 'typing' }>): void {
    this.#clearAgentTyping();
    if (!m.typing) return;
    // No news for a while means the agent stopped (their "stopped" may never come, e.g. a closed tab).
    this.#agentTypingTimer = setTimeout(() => this.#update({ agentTyping: false }), typingExpiryMs);
    this.#update({ agentTyping: m.name });
  }

  /** Records that the customer has seen every message so far. */
  markSeen(): void {
    const seq = lastSeq(this.#view.messages);
    if (this.#saved && seq > this.#saved.lastSeenSeq) this.#persist({ lastSeenSeq: seq });
    if (this.#view.unread !== 0) this.#update({ unread: 0 });
  }

  /** Sends a message; it stays pending until the server acknowledges it, and is resent after reconnects. */
  async send(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.#typing.stop();
    const pending: PendingMessage = {
      clientMessageId: newClientId(),
      text: trimmed,
      internal: false,
      status: 'sending',
      error: null,
      seq: null,
      createdAt: new Date().toISOString(),
    };
    this.#update({ pending: [...this.#view.pending, pending], error: null });
    this.#saveOutbox();
    await this.#ensureConversation();
    this.#transmit(pending);
  }

  /** Sends a failed message again with the same clientMessageId. */
  retry(clientMessageId: string): void {
    const p = this.#view.pending.find((x) => x.clientMessageId === clientMessageId);
    if (!p) return;
    const again: PendingMessage = { ...p, status: 'sending', error: null, errorCode: undefined };
    this.#update({ pending: this.#view.pending.map((x) => (x === p ? again : x)) });
    this.#saveOutbox();
    void this.#ensureConversation().then(() => this.#transmit(again));
  }

  /** Drops a failed message the customer does not want to retry. */
  discard(clientMessageId: string): void {
    this.#update({ pending: this.#view.pending.filter((x) => x.clientMessageId !== clientMessageId) });
    this.#saveOutbox();
  }

  /** Leaves the current conversation and starts a fresh one. */
  async startOver(): Promise<void> {
    this.#forget(null);
    this.#update({ pending: [] });
    await this.open();
  }

  /** Leaves the queue; the assistant carries on. A refusal shows as the widget's error. */
  async cancelWaiting(): Promise<void> {
    const saved = this.#saved;
    if (!saved) return;
    try {
      const res = await this.#api.cancelWaiting(saved.conversationId, saved.token);
      if (this.#saved === saved) this.#update({ conversation: res.conversation, error: null });
    } catch (err) {
      this.#update({ error: customerErrorText(err instanceof ApiError ? err.code : undefined, 'other') });
    }
  }

  /** The customer ends a conversation the assistant holds; a refusal shows as the widget's error. */
  async end(): Promise<void> {
    const saved = this.#saved;
    if (!saved) return;
    try {
      const res = await this.#api.end(saved.conversationId, saved.token);
      if (this.#isCurrent(saved)) this.#update({ conversation: res.conversation, error: null });
    } catch (err) {
      this.#update({ error: customerErrorText(err instanceof ApiError ? err.code : undefined, 'other') });
    }
  }

  /** Rates the ended conversation 1-5 (again within 24 h replaces it). Throws ApiError when the server refuses. */
  async rate(rating: number, comment: string): Promise<void> {
    const saved = this.#saved;
    if (!saved) return;
    const res = await this.#api.rate(saved.conversationId, saved.token, {
      rating,
      ...(comment && { comment }),
    });
    if (this.#isCurrent(saved)) this.#update({ csat: res.csat });
  }

  /** Sends a file the customer picked; it arrives in the log as their message. A refusal shows as the widget's error. */
  async upload(file: File): Promise<void> {
    await this.#ensureConversation();
    const saved = this.#saved;
    if (!saved) return;
    try {
      await this.#api.upload(saved.conversationId, saved.token, file, crypto.randomUUID());
      if (this.#isCurrent(saved)) this.#update({ error: null });
    } catch (err) {
      this.#update({ error: customerErrorText(err instanceof ApiError ? err.code : undefined, 'file') });
    }
  }

  /** Leaves a message or asks for a callback while nobody is available. Throws ApiError when the server refuses. */
  async leaveTicket(ticket: TicketRequest): Promise<void> {
    const saved = this.#saved;
    if (saved) await this.#api.leaveTicket(saved.conversationId, saved.token, ticket);
  }

  dispose(): void {
    this.#typing.stop();
    if (this.#agentTypingTimer) clearTimeout(this.#agentTypingTimer);
    this.#socket.stop();
  }

  async #ensureConversation(): Promise<void> {
    if (this.#saved) {
      this.#socket.start();
      return;
    }
    this.#creating ??= this.#create().finally(() => {
      this.#creating = null;
    });
    await this.#creating;
  }

  async #create(): Promise<void> {
    this.#update({ phase: 'starting', error: null });
    try {
      const body: CreateConversationBody = { channel: 'widget' };
      if (this.#o.pack) body.pack = this.#o.pack;
      if (this.#o.customer || this.#laterContact)
        body.customer = { ...this.#o.customer, ...this.#laterContact };
      const identity = this.#o.identity?.();
      if (identity) body.identity = identity;
      const res = await this.#api.start(body);
      this.#saved = {
        conversationId: res.conversation.id,
        token: res.customerToken,
        lastSeenSeq: 0,
        outbox: [],
        open: this.#isOpen,
      };
      this.#saveOutbox();
      this.#update({ phase: 'active', conversation: res.conversation });
      this.#socket.start();
    } catch (err) {
      const message =
        err instanceof ApiError
          ? customerErrorText(err.code, 'other')
          : 'Could not start the chat. Please try again.';
      this.#update({ phase: 'failed', error: message });
    }
  }

  #onReady(): void {
    const saved = this.#saved;
    if (!saved) return;
    this.#socket.send({
      type: 'subscribe',
      conversationId: saved.conversationId,
      afterSeq: this.#cursor,
    });
    for (const p of this.#view.pending) if (p.status === 'sending' && p.seq === null) this.#transmit(p);
    void this.#refreshConversation(saved);
  }

  async #refreshConversation(saved: SavedSession): Promise<void> {
    try {
      const res = await this.#api.get(saved.conversationId, saved.token);
      if (this.#saved === saved) this.#update({ conversation: res.conversation });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 404) && this.#saved === saved) {
        this.#restart();
      }
    }
  }

  #transmit(p: PendingMessage): void {
    if (!this.#saved) return;
    this.#socket.send({
      type: 'send',
      conversationId: this.#saved.conversationId,
      clientMessageId: p.clientMessageId,
      text: p.text,
    });
  }

  #onServerMessage(m: ServerMessage): void {
    const id = this.#saved?.conversationId;
    switch (m.type) {
      case 'message':
        if (m.message.conversationId === id && !m.message.internal) {
          // The agent's message is what they were typing.
          if (m.message.authorKind === 'agent') this.#clearAgentTyping();
          this.#addMessages([m.message]);
        }
        return;
      case 'typing':
        if (m.conversationId === id && m.authorKind === 'agent') this.#showAgentTyping(m);
        return;
      case 'ack':
        this.#onAck(m);
        return;
      case 'conversation':
        if (m.conversation.id === id) this.#update({ conversation: m.conversation });
        return;
      case 'error':
        this.#onError(m);
        return;
      default:
        return;
    }
  }

  #onAck(ack: Extract<ServerMessage, { type: 'ack' }>): void {
    const p = this.#view.pending.find((x) => x.clientMessageId === ack.clientMessageId);
    if (!p || !this.#saved) return;
    const acked = { ...p, seq: ack.seq };
    const pending = this.#view.pending.map((x) => (x === p ? acked : x));
    // The server may push the stored message after the ack (or not at all to its sender): show it as sent now.
    const known = this.#view.messages.some((x) => x.seq === ack.seq);
    const messages = known
      ? this.#view.messages
      : mergeMessages(this.#view.messages, [
          {
            id: ack.messageId,
            conversationId: this.#saved.conversationId,
            seq: ack.seq,
            authorKind: 'customer',
            authorId: null,
            text: p.text,
            clientMessageId: p.clientMessageId,
            internal: false,
            metadata: {},
            createdAt: p.createdAt,
          },
        ]);
    this.#update({ messages, pending: settlePending(pending, messages) });
    this.#saveOutbox();
  }

  #onError(e: Extract<ServerMessage, { type: 'error' }>): void {
    const p = e.ref ? this.#view.pending.find((x) => x.clientMessageId === e.ref) : undefined;
    if (p) {
      const failed: PendingMessage = {
        ...p,
        status: 'failed',
        error: customerErrorText(e.code, 'message'),
        errorCode: e.code,
      };
      this.#update({ pending: this.#view.pending.map((x) => (x === p ? failed : x)) });
      this.#saveOutbox();
      return;
    }
    this.#update({ error: customerErrorText(e.code, 'other') });
  }

  #addMessages(incoming: Message[]): void {
    for (const m of incoming) this.#cursor = Math.max(this.#cursor, m.seq);
    const messages = mergeMessages(this.#view.messages, incoming);
    const pending = settlePending(this.#view.pending, messages);
    const seen = this.#saved?.lastSeenSeq ?? 0;
    const unread = this.#isOpen
      ? 0
      : messages.filter((m) => m.seq > seen && m.authorKind !== 'customer').length;
    this.#update({ messages, pending, unread });
    if (this.#isOpen) this.markSeen();
    if (pending !== this.#view.pending) this.#saveOutbox();
  }

  /** The saved conversation is no longer accepted (expired token, reset server): start a new one when needed. */
  #restart(): void {
    this.#forget('Your previous conversation has ended, so a new one was started.');
    if (this.#isOpen || this.#view.pending.length > 0) void this.#ensureConversation();
  }

  #forget(error: string | null): void {
    this.#socket.stop();
    this.#store.clear();
    this.#saved = null;
    this.#cursor = 0;
    this.#update({
      phase: 'idle',
      conversation: null,
      messages: [],
      pending: this.#view.pending.filter((p) => p.seq === null),
      error,
      unread: 0,
    });
  }

  #saveOutbox(): void {
    const outbox = this.#view.pending
      .filter((p) => p.status === 'sending' && p.seq === null)
      .map(({ clientMessageId, text, createdAt }) => ({ clientMessageId, text, createdAt }));
    this.#persist({ outbox });
  }

  #persist(patch: Partial<SavedSession>): void {
    if (!this.#saved) return;
    this.#saved = { ...this.#saved, ...patch };
    this.#store.save(this.#saved);
  }

  #update(patch: Partial<ChatView>): void {
    const before = this.#view.conversation;
    this.#view = { ...this.#view, ...patch };
    const after = this.#view.conversation;
    if (after?.id !== before?.id) this.#view.csat = undefined;
    if (after && ended(after) && (!before || !ended(before) || this.#view.csat === undefined))
      void this.#loadCsat();
    this.#o.onChange(this.#view);
  }

  /** Still the same conversation (the saved object itself is replaced on every save). */
  #isCurrent(saved: SavedSession): boolean {
    return this.#saved?.conversationId === saved.conversationId;
  }

  /** Fetches the rating of an ended conversation (a failure leaves it unknown, shown as not rated). */
  async #loadCsat(): Promise<void> {
    const saved = this.#saved;
    if (!saved || this.#csatLoading) return;
    this.#csatLoading = true;
    try {
      const res = await this.#api.getCsat(saved.conversationId, saved.token);
      if (this.#isCurrent(saved)) this.#update({ csat: res.csat });
    } catch {
      if (this.#isCurrent(saved) && this.#view.csat === undefined) this.#update({ csat: null });
    } finally {
      this.#csatLoading = false;
    }
  }
}

const ended = (c: Conversation) => c.state === 'resolved' || c.state === 'closed';
