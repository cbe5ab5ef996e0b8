import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ServerMessage } from '../src/protocol/ws.ts';
import { startBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from '../test/support/databases.ts';
import {
  benchWsThroughput,
  cpuMsSince,
  type Engine,
  percentile,
  post,
  round,
  startBackendCpu,
} from './ws-throughput.ts';

/** One engine's result: bot replies over WebSocket next to the raw ingest (durable acks) of the same run. */
export type BotReplyResult = {
  engine: Engine;
  customers: number;
  messagesPerCustomer: number;
  replies: number;
  seconds: number;
  repliesPerSecond: number;
  /** Customer's send -> the bot's reply frame on the customer's socket. */
  replyP50Ms: number;
  replyP99Ms: number;
  /** CPU time of this process (server, load generator and, for PGlite, the database) per reply. */
  processCpuMsPerReply: number;
  /** CPU time of the PostgreSQL backends serving the database per reply (null for PGlite). */
  postgresCpuMsPerReply: number | null;
  /** Conversations the bot handed to a person during the run (the messages are routine: expected 0). */
  handedOver: number;
  /** The ws-throughput bench on the same engine, same customers and messages, right after. */
  ingestAcksPerSecond: number;
  ingestProcessCpuMsPerAck: number;
  /** Bot replies per second / raw ingest acks per second (target >= 0.5). */
  ratio: number;
};

/** Routine questions the bank pack answers itself (branch hours, routing number, greetings, thanks). */
const questions = [
  'what time do branches open',
  "what's your routing number",
  'hello, I have a question',
  'are branches open on the weekend',
  'thanks',
  'routing number for wires',
];

/**
 * N WebSocket customers of the default (bank) pack each send M routine questions, one at a time, and wait for
 * the bot's reply before the next (closed loop); then the ingest bench runs on the same engine for the ratio.
 */
export async function benchBotReply(options: {
  engine: Engine;
  customers: number;
  messages: number;
}): Promise<BotReplyResult> {
  const { engine, customers, messages } = options;
  const pgdb = engine === 'postgres' ? await createTestPostgres() : null;
  const cacheDir = engine === 'postgres' ? mkdtempSync(join(tmpdir(), 'baton-bench-')) : '';
  let run: Awaited<ReturnType<typeof driveCustomers>>;
  try {
    const baton = await startBaton({
      config: {
        port: 0,
        host: '127.0.0.1',
        dataDir: cacheDir,
        databaseUrl: pgdb?.url,
        redisUrl: undefined,
        logLevel: 'silent',
        demoUsers: false,
        rateLimitPerMinute: 1_000_000,
        ipRateLimitPerMinute: 1_000_000,
      },
    });
    try {
      run = await driveCustomers(baton.url, customers, messages, pgdb?.url);
    } finally {
      await baton.close();
    }
  } finally {
    await pgdb?.drop();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  }
  const ingest = await benchWsThroughput({ engine, customers, messages });
  const total = customers * messages;
  const sorted = [...run.latencies].sort((x, y) => x - y);
  const repliesPerSecond = total / run.seconds;
  return {
    engine,
    customers,
    messagesPerCustomer: messages,
    replies: total,
    seconds: round(run.seconds, 3),
    repliesPerSecond: round(repliesPerSecond, 0),
    replyP50Ms: round(percentile(sorted, 0.5), 2),
    replyP99Ms: round(percentile(sorted, 0.99), 2),
    processCpuMsPerReply: round(run.cpuMs / total, 3),
    postgresCpuMsPerReply: run.dbCpuMs === null ? null : round(run.dbCpuMs / total, 3),
    handedOver: run.handedOver,
    ingestAcksPerSecond: ingest.ackPerSecond,
    ingestProcessCpuMsPerAck: ingest.processCpuMsPerAck,
    ratio: round(repliesPerSecond / ingest.ackPerSecond, 2),
  };
}

async function driveCustomers(url: string, customers: number, messages: number, postgresUrl?: string) {
  const clients: BotCustomer[] = [];
  for (let i = 0; i < customers; i++) {
    const started = (await post(url, '/api/v1/conversations', {})) as {
      conversation: { id: string };
      customerToken: string;
    };
    clients.push(await BotCustomer.open(url, started.conversation.id, started.customerToken));
  }
  try {
    // One question each to warm up connections, the classifier and code paths; not counted.
    await Promise.all(clients.map((c) => c.ask('hi')));
    const latencies: number[] = [];
    const stopDbCpu = postgresUrl ? await startBackendCpu(postgresUrl) : async () => null;
    const profile = await startProfile(process.env.BATON_BENCH_PROFILE);
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      clients.map(async (c, n) => {
        for (let i = 0; i < messages; i++) {
          const t0 = performance.now();
          await c.ask(questions[(n + i) % questions.length]!);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = cpuMsSince(cpu);
    await profile();
    const dbCpuMs = await stopDbCpu();
    return { seconds, latencies, cpuMs, dbCpuMs, handedOver: clients.filter((c) => c.handedOver).length };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/**
 * With BATON_BENCH_PROFILE=FILE, records a CPU profile of the timed phase alone (open it in Chrome DevTools);
 * the returned function stops it and writes the file.
 */
async function startProfile(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

/** A minimal widget: sends one message and waits for the bot's reply (or a handoff note) that follows it. */
class BotCustomer {
  private counter = 0;
  private waiting: { afterSeq: number | null; resolve: () => void } | null = null;
  /** Bot or system messages that arrived before the ack said which seq they follow. */
  private answeredSeqs: number[] = [];
  handedOver = false;

  private constructor(
    private readonly ws: WebSocket,
    private readonly conversationId: string,
  ) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      if (m.type === 'ack' && this.waiting) {
        this.waiting.afterSeq = m.seq;
        this.check();
      } else if (m.type === 'message' && m.message.authorKind !== 'customer') {
        if (m.message.authorKind === 'system') this.handedOver = true;
        this.answeredSeqs.push(m.message.seq);
        this.check();
      } else if (m.type === 'error') throw new Error(`error frame ${m.code}: ${m.message}`);
    });
  }

  private check(): void {
    const w = this.waiting;
    if (!w || w.afterSeq === null) return;
    const after = w.afterSeq;
    if (this.answeredSeqs.some((s) => s > after)) {
      this.answeredSeqs = [];
      this.waiting = null;
      w.resolve();
    }
  }

  static async open(url: string, conversationId: string, token: string): Promise<BotCustomer> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/ws`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no subscription within 10 s')), 10_000);
      const onFrame = (data: WebSocket.RawData) => {
        if ((JSON.parse(String(data)) as ServerMessage).type !== 'conversation') return;
        clearTimeout(timer);
        ws.off('message', onFrame);
        resolve();
      };
      ws.on('message', onFrame);
    });
    ws.send(JSON.stringify({ type: 'auth', token }));
    ws.send(JSON.stringify({ type: 'subscribe', conversationId, afterSeq: 0 }));
    await ready;
    return new BotCustomer(ws, conversationId);
  }

  /** Sends a question; resolves when the bot's answer to it (a message after its seq) arrives. */
  ask(text: string): Promise<void> {
    const clientMessageId = `m${++this.counter}`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no reply to ${clientMessageId} of ${this.conversationId} within 30 s (acked as seq ${this.waiting?.afterSeq ?? 'none'})`,
            ),
          ),
        30_000,
      );
      this.answeredSeqs = [];
      this.waiting = {
        afterSeq: null,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.ws.send(
        JSON.stringify({ type: 'send', conversationId: this.conversationId, clientMessageId, text }),
      );
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const engine = process.argv.includes('--pglite') ? 'pglite' : 'postgres';
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  console.log(
    JSON.stringify(
      await benchBotReply({ engine, customers: arg('--customers', 50), messages: arg('--messages', 40) }),
    ),
  );
  process.exit(0);
}
