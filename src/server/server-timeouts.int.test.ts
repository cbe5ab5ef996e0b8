import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBaton } from '../../test/support/http.ts';
import type { RunningBaton } from './start-baton.ts';

/** Opens a raw TCP socket, writes `text`, then stalls; resolves with what the server sent once it closes. */
function stallAfter(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

describe('slow clients', () => {
  let baton: RunningBaton;
  beforeAll(async () => {
    // The idle timeout stays long, so only the header and request timeouts can close these sockets.
    baton = await startTestBaton({ headersTimeoutMs: 300, requestTimeoutMs: 1000, idleTimeoutMs: 120_000 });
  });
  afterAll(async () => {
    await baton?.close();
  });

  it('closes a socket that sends part of its headers and stalls', async () => {
    const answer = await stallAfter(baton.url, 'GET /healthz HTTP/1.1\r\nHost: baton\r\nX-Slow: 1');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a socket that sends part of its request line and stalls', async () => {
    expect(await stallAfter(baton.url, 'GET /heal')).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a socket whose body never finishes', async () => {
    const answer = await stallAfter(
      baton.url,
      'POST /api/v1/conversations HTTP/1.1\r\nHost: baton\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"pa',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('still answers a prompt client', async () => {
    expect((await fetch(`${baton.url}/healthz`)).status).toBe(200);
  });
});
