import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { REPO_ESTATE } from './helpers.js';

describe('closing the server', () => {
  it('does not wait forever for a client that holds its connection open', async () => {
    const server = await startServer({ estate: REPO_ESTATE, port: 0, webRoot: null, logger: false });
    const { port } = new URL(server.url);
    // A request that never ends: the connection stays active, so an idle-only close would wait for it.
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const cut = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const started = performance.now();
    await server.close();
    await cut;
    // Cut after the grace period (2 s), long before Node's own request timeout (5 min).
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
