import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import WebSocket from 'ws';
import { openDatabase } from '../src/platform/db/database.ts';
import type { ServerMessage } from '../src/protocol/ws.ts';
import { startBaton } from '../src/server/start-baton.ts';
import { createTestPostgres } from '../test/support/databases.ts';

export type Engine = 'pglite' | 'postgres';

export type WsThroughputOptions = { engine: Engine; customers: number; messages: number };

/** One engine's result: Baton's durable-ack path next to raw single-row inserts on the same engine. */
export type WsThroughputResult = {
  engine: Engine;
  customers: number;
  messagesPerCustomer: number;
  messages: number;
  seconds: number;
  ackPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  rawInserts: number;
  rawSeconds: number;
  rawInsertsPerSecond: number;
  /** Baton durable acks per second / raw autocommit inserts per second. */
  ratio: number;
  /** CPU time of this process (server and load generator; PGlite runs inside it too) per acked message. */
  processCpuMsPerAck: number;
  /** The same per raw insert (the client side of the baseline only, unless PGlite). */
  processCpuMsPerRawInsert: number;
  /** CPU time of the PostgreSQL backends serving the database per acked message (null for PGlite or a remote server). */
  postgresCpuMsPerAck: number | null;
  /** The same per raw insert. */
  postgresCpuMsPerRawInsert: number | null;
  /** Connections the raw baseline used: the server's pool size (1 for PGlite, which has one connection). */
  rawConcurrencyLimit: number;
  note: string;
};

/** The PostgreSQL pool size Baton opens (openDatabase's default), used for the raw baseline too. */
const serverPoolSize = 10;
const text = 'my card was declined at the store, can you check it?';

/**
 * N WebSocket customers each send M messages, one outstanding at a time, and wait for the durable ack;
 * then the same number of single-row autocommit INSERTs run with the same concurrency on the same engine.
 */
export async function benchWsThroughput(options: WsThroughputOptions): Promise<WsThroughputResult> {
  const { engine, customers, messages } = options;
  const pgdb = engine === 'postgres' ? await createTestPostgres() : null;
  const cacheDir = engine === 'postgres' ? mkdtempSync(join(tmpdir(), 'baton-bench-')) : '';
  try {
    const baton = await startBaton({
      config: {
        port: 0,
        host: '127.0.0.1',
        // PGlite in memory ('' = no data folder); for PostgreSQL the folder only caches the trained classifier.
        dataDir: cacheDir,
        databaseUrl: pgdb?.url,
        redisUrl: undefined,
        logLevel: 'silent',
        demoUsers: true,
        rateLimitPerMinute: 1_000_000,
        ipRateLimitPerMinute: 1_000_000,
      },
    });
    let acks: Awaited<ReturnType<typeof driveCustomers>>;
    try {
      acks = await driveCustomers(baton.url, baton.demoLogins, customers, messages, pgdb?.url);
    } finally {
      await baton.close();
    }
    const raw = pgdb
      ? await rawInsertsPostgres(pgdb.url, customers, messages)
      : await rawInsertsPglite(customers, messages);
    const total = customers * messages;
    const ackPerSecond = total / acks.seconds;
    const rawInsertsPerSecond = total / raw.seconds;
    const sorted = [...acks.latencies].sort((x, y) => x - y);
    return {
      engine,
      customers,
      messagesPerCustomer: messages,
      messages: total,
      seconds: round(acks.seconds, 3),
      ackPerSecond: round(ackPerSecond, 0),
      ackP50Ms: round(percentile(sorted, 0.5), 2),
      ackP99Ms: round(percentile(sorted, 0.99), 2),
      rawInserts: total,
      rawSeconds: round(raw.seconds, 3),
      rawInsertsPerSecond: round(rawInsertsPerSecond, 0),
      ratio: round(ackPerSecond / rawInsertsPerSecond, 2),
      processCpuMsPerAck: round(acks.cpuMs / total, 3),
      processCpuMsPerRawInsert: round(raw.cpuMs / total, 3),
      postgresCpuMsPerAck: acks.dbCpuMs === null ? null : round(acks.dbCpuMs / total, 3),
      postgresCpuMsPerRawInsert: raw.dbCpuMs === null ? null : round(raw.dbCpuMs / total, 3),
      rawConcurrencyLimit: engine === 'postgres' ? serverPoolSize : 1,
      note:
        'a console agent takes every conversation over first, so the bot does not answer and only the ingest path ' +
        '(validate, store durably, ack, push to the subscribed customer) is measured; ' +
        'the load generator runs in the same process as the server',
    };
  } finally {
    await pgdb?.drop();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function driveCustomers(
  url: string,
  logins: { role: string; email: string; password: string }[],
  customers: number,
  messages: number,
  postgresUrl: string | undefined,
) {
  const admin = logins.find((l) => l.role === 'admin');
  if (!admin) throw new Error('startBaton returned no demo admin login (is the database empty?)');
  const { token: agentToken } = (await post(url, '/api/v1/auth/login', {
    email: admin.email,
    password: admin.password,
  })) as { token: string };

  const conversations: { id: string; token: string }[] = [];
  for (let i = 0; i < customers; i++) {
    const started = (await post(url, '/api/v1/conversations', {})) as {
      conversation: { id: string };
      customerToken: string;
    };
    await post(url, `/api/v1/agent/conversations/${started.conversation.id}/take`, {}, agentToken);
    conversations.push({ id: started.conversation.id, token: started.customerToken });
  }

  const clients = await Promise.all(conversations.map((c) => Customer.open(url, c.id, c.token)));
  try {
    // One message each to warm up connections and code paths; not counted.
    await Promise.all(clients.map((c) => c.send('warm-up')));
    const latencies: number[] = [];
    const stopDbCpu = postgresUrl ? await startBackendCpu(postgresUrl) : async () => null;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        let previous = 0;
        for (let i = 0; i < messages; i++) {
          const t0 = performance.now();
          const seq = await c.send(`${text} #${i}`);
          latencies.push(performance.now() - t0);
          if (seq <= previous) throw new Error(`acks out of order: seq ${seq} after ${previous}`);
          previous = seq;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = cpuMsSince(cpu);
    return { seconds, latencies, cpuMs, dbCpuMs: await stopDbCpu() };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** A minimal widget: authenticates, subscribes, sends one message at a time and waits for its ack. */
class Customer {
  private waiting = new Map<string, { resolve: (seq: number) => void; reject: (e: Error) => void }>();
  private counter = 0;

  private constructor(
    private readonly ws: WebSocket,
    private readonly conversationId: string,
  ) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      if (m.type === 'ack') {
        this.waiting.get(m.clientMessageId)?.resolve(m.seq);
        this.waiting.delete(m.clientMessageId);
      } else if (m.type === 'error') {
        const w = m.ref ? this.waiting.get(m.ref) : undefined;
        if (w) w.reject(new Error(`${m.code}: ${m.message}`));
        else throw new Error(`unexpected error frame ${m.code}: ${m.message}`);
      }
    });
  }

  static async open(url: string, conversationId: string, token: string): Promise<Customer> {
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
    return new Customer(ws, conversationId);
  }

  send(body: string): Promise<number> {
    const clientMessageId = `m${++this.counter}`;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${clientMessageId} within 30 s`)), 30_000);
      this.waiting.set(clientMessageId, {
        resolve: (seq) => {
          clearTimeout(timer);
          resolve(seq);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.ws.send(
        JSON.stringify({ type: 'send', conversationId: this.conversationId, clientMessageId, text: body }),
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

/** Seconds to run customers x messages single-row autocommit INSERTs, `customers` at a time, through a pool. */
async function rawInsertsPostgres(url: string, customers: number, messages: number) {
  const pool = new pg.Pool({ connectionString: url, max: serverPoolSize });
  // pool.end() resolves before every backend has gone; dropping the database then terminates the stragglers.
  pool.on('error', () => {});
  try {
    // Open every connection first, as Baton's pool is already warm when its timed phase starts.
    await Promise.all(
      Array.from({ length: serverPoolSize }, () =>
        pool.query('insert into bench_rows (payload) values ($1)', ['warm-up']),
      ),
    );
    const stopDbCpu = await startBackendCpu(url);
    const timed = await timeWorkers(customers, messages, async (i) => {
      await pool.query('insert into bench_rows (payload) values ($1)', [`${text} #${i}`]);
    });
    return { ...timed, dbCpuMs: await stopDbCpu() };
  } finally {
    await pool.end();
  }
}

/** The same on a fresh in-memory PGlite: one connection, so the statements queue behind each other. */
async function rawInsertsPglite(customers: number, messages: number) {
  const database = await openDatabase({});
  try {
    const timed = await timeWorkers(customers, messages, async (i) => {
      await database.db.execute(sql`insert into bench_rows (payload) values (${`${text} #${i}`})`);
    });
    return { ...timed, dbCpuMs: null };
  } finally {
    await database.close();
  }
}

async function timeWorkers(
  workers: number,
  each: number,
  work: (i: number) => Promise<void>,
): Promise<{ seconds: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = 0; i < each; i++) await work(i);
    }),
  );
  return { seconds: (performance.now() - started) / 1000, cpuMs: cpuMsSince(cpu) };
}

/**
 * Starts measuring the CPU time of the PostgreSQL backends serving `url`'s database (read from /proc, so
 * only for a server on this machine); the returned function stops and answers milliseconds, or null.
 */
export async function startBackendCpu(url: string): Promise<() => Promise<number | null>> {
  const before = await backendTicks(url);
  return async () => {
    const after = await backendTicks(url);
    if (!before || !after) return null;
    let ticks = 0;
    for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
    return ticks * 10; // Linux clock ticks are 10 ms (CLK_TCK = 100).
  };
}

async function backendTicks(url: string): Promise<Map<number, number> | null> {
  if (process.platform !== 'linux' || !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname))
    return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    const ticks = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        // The backend exited between the two reads.
      }
    }
    return ticks;
  } finally {
    await client.end();
  }
}

/** CPU time (user + system) this process used since `start`, in milliseconds. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

export async function post(url: string, path: string, body: unknown, token?: string): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const parsed = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
