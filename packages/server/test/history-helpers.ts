import { createServer, type Server } from 'node:http';
import type { AlertDelivery } from '@impact/core';

/** A webhook receiver: a real HTTP server that keeps every body it is sent. */
export async function receiver(): Promise<{
  url: string;
  bodies: AlertDelivery[];
  raw: string[];
  /** Answer 503 (and keep nothing) while set: a receiver that is down. */
  down: { on: boolean; refused: number };
  close: () => Promise<void>;
}> {
  const bodies: AlertDelivery[] = [];
  const raw: string[] = [];
  const down = { on: false, refused: 0 };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      if (down.on) {
        down.refused++;
        response.writeHead(503).end();
        return;
      }
      raw.push(body);
      bodies.push(JSON.parse(body) as AlertDelivery);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks/impact?token=hook-secret`,
    bodies,
    raw,
    down,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const get = async (base: string, path: string) => {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, text: await response.text() };
};
