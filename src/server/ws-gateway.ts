import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { customerView } from '../conversations/conversation-routes.ts';
import {
  type ConversationEvent,
  type ConversationService,
  conversationTopic,
  inboxTopic,
} from '../conversations/conversation-service.ts';
import { maskForRole } from '../handoff/mask-for-role.ts';
import type { EventBus } from '../platform/bus.ts';
import { AppError } from '../platform/errors.ts';
import type { TokenClaims, TokenSigner } from '../platform/tokens.ts';
import type { Message } from '../protocol/conversation.ts';
import { type ClientMessage, clientMessageSchema, type ServerMessage } from '../protocol/ws.ts';

type Deps = {
  bus: EventBus;
  conversations: ConversationService;
  tokens: TokenSigner;
  log: Logger;
  now: () => Date;
  /** Milliseconds to wait before retrying, or 0. */
  rateLimit: (key: string) => number;
  maxFrameBytes: number;
  /** Presence of console users: set on connect by role, kept by heartbeats; a dropped one goes offline after the grace period. */
  presence: {
    connect: (agentId: string, role: 'agent' | 'supervisor' | 'admin') => Promise<void>;
    set: (agentId: string, status: 'online' | 'away') => Promise<void>;
    heartbeat: (agentIds: string[]) => Promise<void>;
  };
  /** Topics a console user's sessions follow besides the inbox (offers to them, supervisor notices). */
  consoleTopics: (agentId: string, role: string) => string[];
  /** The console user as stored now: a deactivated account cannot connect, a changed role applies at once. */
  currentAgent: (
    agentId: string,
  ) => Promise<{ role: 'agent' | 'supervisor' | 'admin'; active: boolean } | null>;
};

/** One live subscription to a conversation: replays from a seq, then relays in order with gaps filled from the database. */
type Subscription = { lastSeq: number; chain: Promise<void>; stop: () => Promise<void> };

/** Wires `/api/v1/ws`: authenticate, subscribe with resume, send with durable ack, live pushes. */
export function registerWsGateway(
  app: FastifyInstance,
  deps: Deps,
): { connections: () => number; close: () => void } {
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
  return { connections: () => open, close: () => clearInterval(beat) };
}

/** One bus event reaches many sessions as the same object: serialise it once. */
const serialized = new WeakMap<object, string>();
function serialize(message: ServerMessage): string {
  let text = serialized.get(message);
  if (text === undefined) {
    text = JSON.stringify(message);
    serialized.set(message, text);
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
    }, 30_000);
    socket.on('pong', () => {
      this.alive = true;
    });
    // Frames of one connection are handled one after another, so a subscribe or auth is never half-done
    // when the next frame arrives.
    socket.on('message', (data, isBinary) => {
      this.frames = this.frames.then(() => this.onFrame(data as Buffer, isBinary));
    });
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

  private send(message: ServerMessage): void {
    if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(serialize(message));
  }

  private error(err: unknown, ref?: string): void {
    if (err instanceof AppError) {
      this.send({ type: 'error', code: err.code, message: err.message, ...(ref !== undefined && { ref }) });
      return;
    }
    this.deps.log.error({ err }, 'websocket handler failed');
    this.send({
      type: 'error',
      code: 'INTERNAL',
      message: 'something went wrong on our side',
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
    const limitKey = this.claims
      ? `ws:${this.claims.kind === 'customer' ? this.claims.conversationId : this.claims.agentId}`
      : `ws-ip:${this.ip}`;
    if (msg.type !== 'ping' && this.deps.rateLimit(limitKey) > 0) {
      this.send({
        type: 'error',
        code: 'RATE_LIMITED',
        message: 'too many messages; slow down',
        ...('clientMessageId' in msg && { ref: msg.clientMessageId }),
      });
      return;
    }
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
        const agent = await this.deps.currentAgent(verified.agentId);
        if (!agent?.active) {
          this.closeWith('INVALID_TOKEN', 'this account is no longer active');
          return;
        }
        claims = { ...verified, role: agent.role };
      }
      if (this.closed) return;
      this.claims = claims;
      clearTimeout(this.authTimer);
      if (claims.kind === 'agent' && this.stopInbox.length === 0) {
        this.stopInbox.push(
          await this.deps.bus.subscribe(inboxTopic, (event) => {
            const e = event as ConversationEvent;
            if (e.type === 'conversation' || (e as { type: string }).type === 'notice')
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
    const { message, duplicate: _ } =
      claims.kind === 'customer'
        ? await this.deps.conversations.postCustomerMessage(msg.conversationId, msg.text, msg.clientMessageId)
        : await this.deps.conversations.postAgentMessage(
            msg.conversationId,
            { id: claims.agentId, role: claims.role },
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
    if (this.claims?.kind === 'agent') return maskForRole(message, this.claims.role);
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
