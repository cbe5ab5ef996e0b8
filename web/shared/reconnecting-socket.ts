import type { ClientMessage, ServerMessage } from '../../src/protocol/ws.ts';
import { backoffDelay } from './backoff.ts';
import { parseForDisplay } from './display-text.ts';

export type SocketStatus = 'connecting' | 'ready' | 'offline' | 'stopped';
export type ReadyMessage = Extract<ServerMessage, { type: 'ready' }>;

export type SocketOptions = {
  /** ws:// or wss:// URL of `/api/v1/ws`. */
  url: string;
  /** Read on every (re)connect, so a refreshed token is picked up. */
  token: () => string | null;
  onMessage: (message: ServerMessage) => void;
  /** Authenticated (again): the place to subscribe and resend what is unacknowledged. */
  onReady: (ready: ReadyMessage) => void;
  onStatus?: (status: SocketStatus) => void;
  /** The server refused the token; reconnecting stops until `start()` is called again. */
  onAuthRejected?: (code: string, message: string) => void;
  pingEveryMs?: number;
  /** How long to wait for any frame after a ping before treating the connection as dead. */
  pongTimeoutMs?: number;
};

const authCodes = new Set(['INVALID_TOKEN', 'UNAUTHENTICATED', 'FORBIDDEN', 'CONVERSATION_NOT_FOUND']);

/** A WebSocket that authenticates, keeps itself alive with pings and reconnects with backoff. */
export class ReconnectingSocket {
  readonly #o: SocketOptions;
  #ws: WebSocket | null = null;
  #attempt = 0;
  #ready = false;
  #stopped = true;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #deadTimer: ReturnType<typeof setTimeout> | undefined;
  #status: SocketStatus = 'stopped';

  constructor(options: SocketOptions) {
    this.#o = options;
  }

  get status(): SocketStatus {
    return this.#status;
  }

  /** Connects (or reconnects at once if waiting for a retry). */
  start(): void {
    this.#stopped = false;
    clearTimeout(this.#retryTimer);
    if (this.#ws) return;
    this.#connect();
  }

  /** Closes the connection and stops reconnecting. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#teardown();
    this.#setStatus('stopped');
  }

  /** Skips the backoff wait, e.g. when the browser comes back online. */
  retryNow(): void {
    if (this.#stopped || this.#ws) return;
    this.#attempt = 0;
    this.start();
  }

  /** Sends a message if authenticated; returns false when it was not sent. */
  send(message: ClientMessage): boolean {
    if (!this.#ready || !this.#ws || this.#ws.readyState !== WebSocket.OPEN) return false;
    this.#ws.send(JSON.stringify(message));
    return true;
  }

  #connect(): void {
    const token = this.#o.token();
    if (!token) {
      this.#setStatus('offline');
      return;
    }
    this.#setStatus('connecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.#o.url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token } satisfies ClientMessage));
    ws.onmessage = (event) => this.#receive(ws, event.data);
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.#teardown();
      this.#scheduleRetry();
    };
  }

  #receive(ws: WebSocket, data: unknown): void {
    if (this.#ws !== ws || typeof data !== 'string') return;
    this.#armDeadTimer(false);
    let message: ServerMessage;
    try {
      message = parseForDisplay(data) as ServerMessage;
    } catch {
      return;
    }
    if (!message || typeof message.type !== 'string') return;
    if (message.type === 'ready') {
      this.#ready = true;
      this.#attempt = 0;
      this.#startPings();
      this.#setStatus('ready');
      this.#o.onReady(message);
      return;
    }
    if (message.type === 'error' && !this.#ready && authCodes.has(message.code)) {
      this.stop();
      this.#o.onAuthRejected?.(message.code, message.message);
      return;
    }
    if (message.type === 'pong') return;
    this.#o.onMessage(message);
  }

  #startPings(): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => {
      if (this.send({ type: 'ping' })) this.#armDeadTimer(true);
    }, this.#o.pingEveryMs ?? 25_000);
  }

  #armDeadTimer(on: boolean): void {
    clearTimeout(this.#deadTimer);
    if (!on) return;
    this.#deadTimer = setTimeout(() => this.#ws?.close(), this.#o.pongTimeoutMs ?? 10_000);
  }

  #scheduleRetry(): void {
    if (this.#stopped) return;
    this.#setStatus('offline');
    const delay = backoffDelay(this.#attempt++, Math.random());
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #teardown(): void {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#deadTimer);
    const ws = this.#ws;
    this.#ws = null;
    this.#ready = false;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
    }
  }

  #setStatus(status: SocketStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#o.onStatus?.(status);
  }
}

/** The WebSocket URL of a Baton server given its HTTP origin. */
export function socketUrl(serverOrigin: string): string {
  const u = new URL('/api/v1/ws', serverOrigin);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}
