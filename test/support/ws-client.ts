import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../src/protocol/ws.ts';

/** A small typed WebSocket client for tests and benchmarks: send frames, await the frames you expect. */
export type TestSocket = {
  send: (m: ClientMessage | Record<string, unknown>) => void;
  /** Resolves with the first received frame (past or future) matching `pred`, consuming it. */
  next: <T extends ServerMessage>(pred: (m: ServerMessage) => m is T, timeoutMs?: number) => Promise<T>;
  received: ServerMessage[];
  close: () => Promise<void>;
  raw: WebSocket;
};

export async function connect(baseUrl: string): Promise<TestSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/ws`);
  const received: ServerMessage[] = [];
  const inbox: ServerMessage[] = [];
  let waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as ServerMessage;
    received.push(m);
    const w = waiters.find((x) => x.pred(m));
    if (w) {
      waiters = waiters.filter((x) => x !== w);
      w.resolve(m);
    } else inbox.push(m);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    raw: ws,
    received,
    send: (m) => ws.send(JSON.stringify(m)),
    next: <T extends ServerMessage>(pred: (m: ServerMessage) => m is T, timeoutMs = 10_000) => {
      const i = inbox.findIndex(pred);
      if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0] as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`timed out waiting for a frame; received: ${JSON.stringify(received.slice(-5))}`),
            ),
          timeoutMs,
        );
        waiters.push({
          pred,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m as T);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}

export const isType =
  <K extends ServerMessage['type']>(type: K) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: K }> =>
    m.type === type;

export const isMessageWithSeq =
  (seq: number) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: 'message' }> =>
    m.type === 'message' && m.message.seq === seq;
