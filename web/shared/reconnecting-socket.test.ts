import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { ServerMessage } from '../../src/protocol/ws.ts';
import { ReconnectingSocket } from './reconnecting-socket.ts';

// A server that shuts down closes its WebSockets with 1001 (going away) after a notice: the widget and console
// must take that as "reconnect" (to another instance) and authenticate again.

let server: WebSocketServer;
let url: string;
const connections: WebSocket[] = [];

beforeAll(async () => {
  // Node 20 has no global WebSocket; `ws` speaks the same browser API.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1/ws`;
  server.on('connection', (socket) => {
    connections.push(socket);
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'auth')
        socket.send(
          JSON.stringify({ type: 'ready', role: 'customer', conversationId: 'c1' } satisfies ServerMessage),
        );
    });
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('ReconnectingSocket', () => {
  it('reconnects and authenticates again after the server goes away with 1001', async () => {
    const readies: number[] = [];
    const notices: ServerMessage[] = [];
    let onReady = () => {};
    const socket = new ReconnectingSocket({
      url,
      token: () => 'token',
      onMessage: (m) => notices.push(m),
      onReady: () => {
        readies.push(Date.now());
        onReady();
      },
    });
    const ready = (count: number) =>
      new Promise<void>((resolve) => {
        onReady = () => {
          if (readies.length >= count) resolve();
        };
        if (readies.length >= count) resolve();
      });
    socket.start();
    await ready(1);
    const first = connections.at(-1)!;
    first.send(
      JSON.stringify({
        type: 'notice',
        level: 'info',
        text: 'This server is restarting; reconnecting you to another one.',
        conversationId: null,
        event: 'server.shutdown',
      } satisfies ServerMessage),
    );
    first.close(1001, 'server shutting down');
    await ready(2);
    expect(connections).toHaveLength(2);
    expect(socket.status).toBe('ready');
    expect(notices.map((m) => m.type)).toEqual(['notice']);
    socket.stop();
  });
});
