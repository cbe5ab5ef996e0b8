import type { ServerMessage } from '../../src/protocol/ws.ts';
import { ReconnectingSocket, type SocketStatus, socketUrl } from '../shared/reconnecting-socket.ts';

export type SocketEvent = ServerMessage | { type: 'reconnected' };
type Listener = (event: SocketEvent) => void;

/** The console's live connection: inbox events for every open conversation, and messages of subscribed ones. */
export class ConsoleSocket {
  readonly #socket: ReconnectingSocket;
  readonly #listeners = new Set<Listener>();
  readonly #statusListeners = new Set<(s: SocketStatus) => void>();
  /** Subscribed conversations, each with how to read its current cursor at (re)subscribe time. */
  readonly #subscriptions = new Map<string, () => number>();
  #connectedOnce = false;
  /**
   * The presence the user chose in this page, if any: re-sent on each connect, since the server sets a
   * connection's presence by role (an agent offline comes online; a supervisor is away until they take chats).
   */
  #presence: 'online' | 'away' | null = null;

  constructor(token: string, onAuthRejected: (message: string) => void, origin = window.location.origin) {
    this.#socket = new ReconnectingSocket({
      url: socketUrl(origin),
      token: () => token,
      onReady: (ready) => {
        for (const [id, afterSeq] of this.#subscriptions) this.#subscribe(id, afterSeq());
        if (this.#presence) this.#socket.send({ type: 'presence', status: this.#presence });
        this.#emit(ready);
        if (this.#connectedOnce) this.#emit({ type: 'reconnected' });
        this.#connectedOnce = true;
      },
      onMessage: (m) => {
        // The server may change it too (missed offers set an agent away): a reconnect must not undo that.
        if (m.type === 'presence' && this.#presence && m.status !== 'offline') this.#presence = m.status;
        this.#emit(m);
      },
      onStatus: (s) => {
        for (const l of this.#statusListeners) l(s);
      },
      onAuthRejected: (_code, message) => onAuthRejected(message),
    });
  }

  get status(): SocketStatus {
    return this.#socket.status;
  }

  start(): void {
    this.#socket.start();
  }

  stop(): void {
    this.#socket.stop();
  }

  /** Listens to every server event (`ready` on each connect, plus `reconnected` after a drop: reload state then); returns the unsubscribe. */
  on(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onStatus(listener: (s: SocketStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Receives a conversation's messages after `afterSeq()` now and after every reconnect, until `unsubscribe`. */
  subscribe(conversationId: string, afterSeq: () => number): void {
    this.#subscriptions.set(conversationId, afterSeq);
    this.#subscribe(conversationId, afterSeq());
  }

  unsubscribe(conversationId: string): void {
    if (!this.#subscriptions.delete(conversationId)) return;
    this.#socket.send({ type: 'unsubscribe', conversationId });
  }

  /** Sends a message or note; false when offline (it is resent from the caller's pending list after reconnect). */
  send(conversationId: string, clientMessageId: string, text: string, internal: boolean): boolean {
    return this.#socket.send({
      type: 'send',
      conversationId,
      clientMessageId,
      text,
      ...(internal && { internal }),
    });
  }

  /** Tells the customer the agent is typing (or stopped); dropped while offline, since it is only live news. */
  typing(conversationId: string, typing: boolean): void {
    this.#socket.send({ type: 'typing', conversationId, typing });
  }

  /** Sets the user's presence now (when connected) and after every reconnect. */
  setPresence(status: 'online' | 'away'): void {
    this.#presence = status;
    this.#socket.send({ type: 'presence', status });
  }

  #subscribe(conversationId: string, afterSeq: number): void {
    this.#socket.send({ type: 'subscribe', conversationId, afterSeq });
  }

  #emit(event: SocketEvent): void {
    for (const l of this.#listeners) l(event);
  }
}
