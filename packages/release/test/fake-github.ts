import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeGitHub {
  url: string;
  calls: ApiCall[];
  /** Issue comments, oldest first, as the API keeps them. */
  comments: { id: number; body: string }[];
  /** Answer every write with this status instead (a fork's read-only token: 403). */
  refuseWrites: number | null;
  close: () => Promise<void>;
}

/**
 * The few routes of GitHub's REST API the Action's sticky comment uses, in memory: list an
 * issue's comments (paged, `per_page` at most 100), create one, update one. Records every call.
 */
export async function fakeGitHub(repo: string, issue: number): Promise<FakeGitHub> {
  const base = `/repos/${repo}`;
  const fake: FakeGitHub = { url: '', calls: [], comments: [], refuseWrites: null, close: async () => {} };
  let next = 1000;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = await readBody(req);
    const body = text ? JSON.parse(text) : undefined;
    fake.calls.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
      body,
    });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const html = (id: number) => `https://github.example/${repo}/pull/${issue}#issuecomment-${id}`;
    if (req.method !== 'GET' && fake.refuseWrites !== null)
      return send(fake.refuseWrites, { message: 'Resource not accessible by integration' });
    if (req.method === 'GET' && url.pathname === `${base}/issues/${issue}/comments`) {
      const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const page = Number(url.searchParams.get('page') ?? 1);
      return send(200, fake.comments.slice((page - 1) * perPage, page * perPage));
    }
    if (req.method === 'POST' && url.pathname === `${base}/issues/${issue}/comments`) {
      const comment = { id: next++, body: (body as { body: string }).body };
      fake.comments.push(comment);
      return send(201, { ...comment, html_url: html(comment.id) });
    }
    const patch = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(url.pathname);
    const existing = patch && fake.comments.find((c) => c.id === Number(patch[1]));
    if (req.method === 'PATCH' && existing) {
      existing.body = (body as { body: string }).body;
      return send(200, { ...existing, html_url: html(existing.id) });
    }
    send(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}
