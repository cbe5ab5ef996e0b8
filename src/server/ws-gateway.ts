import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { revokedMessages, type SessionVerdict } from '../agents/check-session.ts';
import { customerView } from '../conversations/conversation-routes.ts';
import type { ConversationEvent, ConversationService } from '../conversations/conversation-service.ts';
import { assertStorableInput } from '../http/define-route.ts';
import { describeError } from '../http/problem-details.ts';
import type { EventBus } from '../platform/bus.ts';
import { AppError } from '../platform/errors.ts';
import type { TokenClaims, TokenSigner } from '../platform/tokens.ts';
import { maskPersonalData, seesMasked } from '../privacy/mask-for-role.ts';
import type { Message } from '../protocol/conversation.ts';
import { conversationTopic, inboxTopic } from '../protocol/topics.ts';
import { type ClientMessage, clientMessageSchema, type ServerMessage, wsCloseCodes } from '../protocol/ws.ts';

/** A connection refused this many frames in a row is flooding: it is closed. */
const maxRefusalsInARow = 20;
/** Past this many frames waiting to be handled, the connection stops reading until they are. */
const maxQueuedFrames = 32;

type Deps = {
  bus: EventBus;
  conversations: ConversationService;
  tokens: TokenSigner;
  log: Logger;
  now: () => Date;
  /** Milliseconds to wait before retrying, or 0. */
  rateLimit: (key: string) => Promise<number>;
  maxFrameBytes: number;
  /** Bytes queued for a socket beyond which its reader counts as too slow and is closed (4008). */
  maxBufferedBytes: number;
  /** Presence of console users: set on connect by role, kept by heartbeats; a dropped one goes offline after the grace period. */
  presence: {
    connect: (agentId: string, role: 'agent' | 'supervisor' | 'admin') => Promise<void>;
    set: (agentId: string, status: 'online' | 'away') => Promise<void>;
    heartbeat: (agentIds: string[]) => Promise<void>;
  };
  /** A console user's display name, as customers see it. */
  agentName: (agentId: string) => Promise<string>;
  /** Topics a console user's sessions follow besides the inbox (offers to them, supervisor notices). */
  consoleTopics: (agentId: string, role: string) => string[];
  /** Whether a console token still holds (account active, not signed out, password and role unchanged). */
  checkSession: (
    claims: Extract<TokenClaims, { kind: 'agent' }>,
    options?: { fresh?: boolean },
  ) => Promise<SessionVerdict>;
};

/** One live subscription to a conversation: replays from a seq, then relays in order with gaps filled from the database. */
type Subscription = { lastSeq: number; chain: Promise<void>; stop: () => Promise<void> };

/** Wires `/api/v1/ws`: authenticate, subscribe with resume, send with durable ack, live pushes. */
export function registerWsGateway(
  app: FastifyInstance,
  deps: Deps,
): {
  connections: () => number;
  close: () => void;
  /** An account changed (on any instance): its open sockets re-check their token and close when it was revoked. */
  accountChanged: (agentId: string) => void;
} {
  let open = 0;
  const sessions = new Set<Session>();
  app.get('/api/v1/ws', { websocket: true }, (socket: WebSocket, req) => {
    open++;
    const session = new Session(socket, deps, req.ip);
    sessions.add(session);
    socket.on('close', () => {
      open--;
      sessions.delete(session);
      void session.dispose();
    });
  });
  // Console connections of this instance keep their agents' presence fresh.
  const beat = setInterval(() => {
    const ids = [...new Set([...sessions].flatMap((s) => (s.agentId ? [s.agentId] : [])))];
    deps.presence.heartbeat(ids).catch((err: unknown) => deps.log.warn({ err }, 'presence heartbeat failed'));
  }, 15_000);
  beat.unref();
  return {
    connections: () => open,
    close: () => clearInterval(beat),
    accountChanged: (agentId) => {
      for (const session of sessions) session.accountChanged(agentId);
    },
  };
}

/** One bus event reaches many sessions as the same object: serialise it once per view (as is, masked). */
const serialized = { clear: new WeakMap<object, string>(), masked: new WeakMap<object, string>() };
function serialize(message: ServerMessage, masked: boolean): string {
  const cache = masked ? serialized.masked : serialized.clear;
  let text = cache.get(message);
  if (text === undefined) {
    text = JSON.stringify(masked ? maskPersonalData(message) : message);
    cache.set(message, text);
  }
  return text;
}

class Session {
  private claims: TokenClaims | null = null;
  private readonly subscriptions = new Map<string, Subscription>();
  private stopInbox: (() => Promise<void>)[] = [];
  private closed = false;
  private readonly authTimer: NodeJS.Timeout;
  private alive = true;
  private frames: Promise<void> = Promise.resolve();
  /** The console user whose token is being checked by an auth frame, and whether their account changed meanwhile. */
  private authenticating: string | null = null;
  private changedWhileAuthenticating = false;
  private queuedFrames = 0;
  /** While refused, frames before this instant (ms) are refused without asking the rate limiter again. */
  private limitedUntil = 0;
  private refusalsInARow = 0;

  /** The console user's display name, read once per connection. */
  private displayName: Promise<string> | null = null;
  private agentName(agentId: string): Promise<string> {
    this.displayName ??= this.deps.agentName(agentId);
    return this.displayName;
  }

  /** The console user of this connection, once authenticated. */
  get agentId(): string | null {
    return this.claims?.kind === 'agent' ? this.claims.agentId : null;
  }
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: Deps,
    private readonly ip: string,
  ) {
    this.authTimer = setTimeout(() => {
      if (!this.claims) this.closeWith('UNAUTHENTICATED', 'send {"type":"auth"} within 10 seconds');
    }, 10_000);
    // Detects half-open connections so their subscriptions are released.
    this.heartbeat = setInterval(() => {
      if (!this.alive) {
        socket.terminate();
        return;
      }
      this.alive = false;
      socket.ping();
      // Also the bound on a revocation this instance did not hear of (several instances without Redis).
      void this.recheck(false);
    }, 30_000);
    socket.on('pong', () => {
      this.alive = true;
    });
    // Frames of one connection are handled one after another, so a subscribe or auth is never half-done
    // when the next frame arrives.
    socket.on('message', (data, isBinary) => this.queue(() => this.onFrame(data as Buffer, isBinary)));
    // Control pings count against the rate limit like frames do (the server does not pong on its own).
    socket.on('ping', (data) =>
      this.queue(async () => {
        if (await this.allow()) socket.pong(data);
      }),
    );
    socket.on('error', () => {});
  }

  async dispose(): Promise<void> {
    this.closed = true;
    clearTimeout(this.authTimer);
    clearInterval(this.heartbeat);
    const stops = [...this.subscriptions.values()].map((s) => s.stop());
    this.subscriptions.clear();
    for (const stop of this.stopInbox) stops.push(stop());
    await Promise.allSettled(stops);
  }

  /** Every push to a console user whose role may not see personal data goes out masked. */
  private get masked(): boolean {
    return this.claims?.kind === 'agent' && seesMasked(this.claims.role);
  }

  /** Re-checks the token if it belongs to `agentId` (or is being checked right now). */
  accountChanged(agentId: string): void {
    if (this.authenticating === agentId) this.changedWhileAuthenticating = true;
    if (this.agentId === agentId) void this.recheck(true);
  }

  /** Closes a console connection whose token was revoked (signed out, password or role changed, deactivated). */
  private async recheck(fresh: boolean): Promise<void> {
    const claims = this.claims;
    if (claims?.kind !== 'agent' || this.closed) return;
    try {
      const session = await this.deps.checkSession(claims, { fresh });
      if (session.kind === 'revoked') this.closeWith('INVALID_TOKEN', revokedMessages[session.reason]);
    } catch (err) {
      this.deps.log.warn({ err }, 'session re-check failed');
    }
  }

  private send(message: ServerMessage): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(serialize(message, this.masked));
    // A reader that cannot keep up would make the server hold every push for it: it reconnects and resumes instead.
    if (this.socket.bufferedAmount > this.deps.maxBufferedBytes)
      this.socket.close(wsCloseCodes.slowConsumer, 'SLOW_CONSUMER');
  }

  /** Handles frames one after another, reading no further while too many wait. */
  private queue(work: () => Promise<void>): void {
    if (++this.queuedFrames > maxQueuedFrames) this.socket.pause();
    this.frames = this.frames.then(work).finally(() => {
      if (--this.queuedFrames <= maxQueuedFrames && this.socket.isPaused) this.socket.resume();
    });
  }

  /** Counts one frame (pings included) against the connection's rate limit; refuses it with an error frame past it. */
  private async allow(ref?: string): Promise<boolean> {
    const limitKey = this.claims
      ? `ws:${this.claims.kind === 'customer' ? this.claims.conversationId : this.claims.agentId}`
      : `ws-ip:${this.ip}`;
    // The limiter's clock, not the app's (tests may freeze that one).
    const nowMs = Date.now();
    if (nowMs >= this.limitedUntil) {
      const wait = await this.deps.rateLimit(limitKey);
      this.limitedUntil = wait > 0 ? nowMs + wait : 0;
    }
    if (this.limitedUntil === 0) {
      this.refusalsInARow = 0;
      return true;
    }
    if (++this.refusalsInARow >= maxRefusalsInARow) {
      this.send({ type: 'error', code: 'RATE_LIMITED', message: 'too many messages; closing' });
      this.socket.close(wsCloseCodes.policy, 'RATE_LIMITED');
      return false;
    }
    this.send({
      type: 'error',
      code: 'RATE_LIMITED',
      message: 'too many messages; slow down',
      ...(ref !== undefined && { ref }),
    });
    return false;
  }

  private error(err: unknown, ref?: string): void {
    // The same mapping as HTTP's problem details: a coded error keeps its code, anything else tells nothing.
    const { problem, expected } = describeError(err);
    if (!expected) this.deps.log.error({ err }, 'websocket handler failed');
    this.send({
      type: 'error',
      code: problem.code,
      message: problem.detail,
      ...(ref !== undefined && { ref }),
    });
  }

  private closeWith(code: string, message: string): void {
    this.send({ type: 'error', code, message });
    this.socket.close(4401, code);
  }

  private async onFrame(data: Buffer, isBinary: boolean): Promise<void> {
    if (isBinary || data.length > this.deps.maxFrameBytes) {
      this.send({
        type: 'error',
        code: 'VALIDATION_FAILED',
        message: `frames must be JSON text under ${this.deps.maxFrameBytes} bytes`,
      });
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch {
      this.send({ type: 'error', code: 'INVALID_JSON', message: 'the frame is not valid JSON' });
      return;
    }
    // The same rule as every HTTP route: no NUL, no lone surrogate halves, bounded nesting.
    try {
      assertStorableInput(raw, 'message');
    } catch (err) {
      this.error(err);
      return;
    }
    const parsed = clientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.send({
        type: 'error',
        code: 'VALIDATION_FAILED',
        message: `invalid message${issue ? `: ${issue.path.join('.') || 'type'}: ${issue.message}` : ''}`,
      });
      return;
    }
    const msg = parsed.data;
    if (!(await this.allow('clientMessageId' in msg ? msg.clientMessageId : undefined))) return;
    try {
      await this.handle(msg);
    } catch (err) {
      this.error(
        err,
        'clientMessageId' in msg
          ? msg.clientMessageId
          : 'conversationId' in msg
            ? msg.conversationId
            : undefined,
      );
    }
  }

  private async handle(msg: ClientMessage): Promise<void> {
    if (msg.type === 'ping') {
      this.send({ type: 'pong' });
      return;
    }
    if (msg.type === 'auth') {
      const verified = this.deps.tokens.verify(msg.token, this.deps.now().getTime());
      if (!verified) {
        this.closeWith('INVALID_TOKEN', 'the token is invalid or expired');
        return;
      }
      let claims = verified;
      if (verified.kind === 'agent') {
        this.authenticating = verified.agentId;
        const session = await this.deps.checkSession(verified).finally(() => {
          this.authenticating = null;
        });
        if (session.kind === 'revoked') {
          this.closeWith('INVALID_TOKEN', revokedMessages[session.reason]);
          return;
        }
        claims = { ...verified, role: session.role };
      }
      if (this.closed) return;
      this.claims = claims;
      clearTimeout(this.authTimer);
      if (this.changedWhileAuthenticating) {
        this.changedWhileAuthenticating = false;
        await this.recheck(true);
        if (this.socket.readyState !== this.socket.OPEN) return;
      }
      if (claims.kind === 'agent' && this.stopInbox.length === 0) {
        this.stopInbox.push(
          await this.deps.bus.subscribe(inboxTopic, (event) => {
            const e = event as ConversationEvent;
            const type = (e as { type: string }).type;
            if (type === 'conversation' || type === 'notice' || type === 'tickets')
              this.send(e as ServerMessage);
          }),
        );
        for (const topic of this.deps.consoleTopics(claims.agentId, claims.role)) {
          this.stopInbox.push(
            await this.deps.bus.subscribe(topic, (event) => this.send(event as ServerMessage)),
          );
        }
        if (this.closed) {
          // The connection closed while subscribing: release what dispose() could not see yet.
          await Promise.allSettled(this.stopInbox.map((stop) => stop()));
          this.stopInbox = [];
          return;
        }
        await this.deps.presence.connect(claims.agentId, claims.role);
      }
      this.send({
        type: 'ready',
        role: claims.kind === 'customer' ? 'customer' : claims.role,
        conversationId: claims.kind === 'customer' ? claims.conversationId : null,
      });
      return;
    }
    const claims = this.claims;
    if (!claims) throw new AppError('UNAUTHENTICATED', 'authenticate first: {"type":"auth","token":"..."}');
    if (msg.type === 'presence') {
      if (claims.kind !== 'agent') throw new AppError('FORBIDDEN', 'only console users have a presence');
      await this.deps.presence.set(claims.agentId, msg.status);
      return;
    }
    if (msg.type === 'unsubscribe') {
      const sub = this.subscriptions.get(msg.conversationId);
      this.subscriptions.delete(msg.conversationId);
      await sub?.stop();
      return;
    }
    if (claims.kind === 'customer' && claims.conversationId !== msg.conversationId) {
      throw new AppError('FORBIDDEN', 'this token does not grant access to that conversation');
    }
    if (msg.type === 'subscribe') {
      await this.subscribe(msg.conversationId, msg.afterSeq);
      return;
    }
    if (msg.type === 'typing') {
      await this.deps.conversations.signalTyping(
        msg.conversationId,
        claims.kind === 'customer'
          ? { kind: 'customer' }
          : { kind: 'agent', id: claims.agentId, name: await this.agentName(claims.agentId) },
        msg.typing,
      );
      return;
    }
    const { message, duplicate: _ } =
      claims.kind === 'customer'
        ? await this.deps.conversations.postCustomerMessage(msg.conversationId, msg.text, msg.clientMessageId)
        : await this.deps.conversations.postAgentMessage(
            msg.conversationId,
            { id: claims.agentId, role: claims.role, name: await this.agentName(claims.agentId) },
            msg.text,
            msg.clientMessageId,
            msg.internal ?? false,
          );
    this.send({
      type: 'ack',
      conversationId: msg.conversationId,
      clientMessageId: msg.clientMessageId,
      seq: message.seq,
      messageId: message.id,
    });
  }

  private visible(message: Message): Message | null {
    if (this.claims?.kind === 'agent') return message;
    return message.internal ? null : customerView(message);
  }

  private async subscribe(conversationId: string, afterSeq: number): Promise<void> {
    const existing = this.subscriptions.get(conversationId);
    if (existing) {
      this.subscriptions.delete(conversationId);
      await existing.stop();
    }
    const conversation = await this.deps.conversations.get(conversationId);
    const sub: Subscription = { lastSeq: afterSeq, chain: Promise.resolve(), stop: async () => {} };
    const enqueue = (work: () => Promise<void>) => {
      sub.chain = sub.chain.then(work).catch((err: unknown) => this.error(err, conversationId));
    };
    // Subscribe before reading the backlog: events that arrive meanwhile wait in the chain behind it.
    sub.stop = await this.deps.bus.subscribe(conversationTopic(conversationId), (event) => {
      const e = event as ConversationEvent;
      enqueue(async () => {
        if (e.type === 'conversation') {
          this.send(e);
          return;
        }
        if (e.type === 'typing') {
          // Each side hears the other: the customer their agent, the console the customer.
          const mine = this.claims?.kind === 'customer' ? 'customer' : 'agent';
          if (e.authorKind !== mine) this.send(e);
          return;
        }
        if (e.message.seq <= sub.lastSeq) return;
        if (e.message.seq > sub.lastSeq + 1) await this.catchUp(conversationId, sub);
        if (e.message.seq === sub.lastSeq + 1) this.deliver(e.message, sub);
      });
    });
    if (this.closed) {
      await sub.stop();
      return;
    }
    this.subscriptions.set(conversationId, sub);
    this.send({ type: 'conversation', conversation });
    enqueue(() => this.catchUp(conversationId, sub));
    await sub.chain;
  }

  /** Sends every stored message after the subscription's last seq, in order. */
  private async catchUp(conversationId: string, sub: Subscription): Promise<void> {
    for (;;) {
      const batch = await this.deps.conversations.listMessages(conversationId, sub.lastSeq, 500);
      for (const m of batch) this.deliver(m, sub);
      if (batch.length < 500) return;
    }
  }

  private deliver(message: Message, sub: Subscription): void {
    sub.lastSeq = message.seq;
    const shown = this.visible(message);
    if (shown) this.send({ type: 'message', message: shown });
  }
}
