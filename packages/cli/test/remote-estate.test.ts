import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ImpactResult } from '@impact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleImpact, sampleResult } from '../../core/test/sample-result.js';
import { main } from '../src/main.js';
import { NOW, PLANS, ROOT } from './run-cli.js';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

/** A stand-in for the impact server: answers recorded results and remembers what it was asked. */
function recordingServer(answer: (req: Seen) => { status: number; body: unknown }) {
  const seen: Seen[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const s: Seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
      body: Buffer.concat(chunks).toString('utf8'),
    };
    seen.push(s);
    const { status, body } = answer(s);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return { server, seen };
}

async function runMain(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    stdoutIsTty: false,
    stderrIsTty: false,
  });
  return { code, stdout, stderr };
}

const recorded: ImpactResult = sampleResult();
const plan = (name: string) => `${ROOT}${PLANS}/${name}.json`;

describe('--estate http://… (a running impact server)', () => {
  const { server, seen } = recordingServer((req) => {
    if (req.url.startsWith('/api/plans/impact')) {
      if (req.body.includes('"format_version"') && req.url.includes('workspace=nope'))
        return {
          status: 404,
          body: { error: { code: 'NOT_FOUND', message: 'workspace nope', statusCode: 404 } },
        };
      const other = sampleResult([
        sampleImpact({
          severity: 'breaks',
          cause: 'output.token_arn',
          causeId: 'prod/ledger::output.token_arn',
        }),
      ]);
      return { status: 200, body: { result: seen.length % 2 === 0 ? other : recorded, subgraph: {} } };
    }
    if (req.url.startsWith('/api/nodes/')) return { status: 200, body: { result: recorded, subgraph: {} } };
    return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no route', statusCode: 404 } } };
  });
  let url = '';
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('posts the plan JSON with the token and renders the answer', async () => {
    seen.length = 0;
    const run = await runMain([plan('delete-secret'), '--estate', url, '--now', NOW, '--format', 'json'], {
      IMPACT_TOKEN: 's3cret',
    });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual(recorded);
    expect(seen).toEqual([
      {
        method: 'POST',
        // Every impact listed (the API's most), as a local run lists them.
        url: '/api/plans/impact?now=2026-12-02T00%3A00%3A00.000Z&limit=5000',
        authorization: 'Bearer s3cret',
        contentType: 'application/json',
        body: readFileSync(plan('delete-secret'), 'utf8'),
      },
    ]);
  });

  it('combines several plans into one report: a consumer hit twice is listed once, with both causes', async () => {
    seen.length = 0;
    const run = await runMain([
      plan('delete-secret'),
      plan('remove-output'),
      '--estate',
      url,
      '--now',
      NOW,
      '--format',
      'json',
    ]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: '' });
    const result = JSON.parse(run.stdout) as ImpactResult;
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST']);
    expect(seen[0]?.authorization).toBeUndefined();
    expect(result.impacts).toHaveLength(1);
    expect(result.impacts[0]?.severity).toBe('irrecoverable');
    expect(result.impacts[0]?.alsoChangedBy).toEqual(['output.token_arn']);
    expect(result.changes).toHaveLength(2);
  });

  it('passes --workspace on and turns a server error into exit 2', async () => {
    const run = await runMain([plan('harmless'), '--estate', url, '--workspace', 'nope']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'impact: impact server answered 404 NOT_FOUND: workspace nope\n',
    });
  });

  it('queries a node through GET /api/nodes/:id/impact', async () => {
    seen.length = 0;
    const run = await runMain([
      'query',
      'prod/ledger::aws_x.y["a"]',
      '--estate',
      url,
      '--now',
      NOW,
      '--action',
      'replace',
    ]);
    expect(run.code).toBe(1);
    expect(seen[0]?.url).toBe(
      '/api/nodes/prod%2Fledger%3A%3Aaws_x.y%5B%22a%22%5D/impact?action=replace&now=2026-12-02T00%3A00%3A00.000Z&limit=5000',
    );
  });

  it('exits 2 when the server cannot be reached', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const run = await runMain([plan('harmless'), '--estate', `http://127.0.0.1:${port}`]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `impact: impact server http://127.0.0.1:${port} unreachable: ECONNREFUSED\n`,
    });
  });
});

describe('impact findings --estate http://… (a real impact server)', () => {
  it('pages through the server’s findings, applies --rule levels, and matches a local run', async () => {
    const { startServer } = await import('@impact/server');
    const running = await startServer({
      estate: `${ROOT}fixtures/estate`,
      port: 0,
      webRoot: null,
      logger: false,
    });
    try {
      const args = ['--format', 'json', '--rule', 'no-rotation=off', '--rule', 'no-cmk=error', '--quiet'];
      const remote = await runMain(['findings', '--estate', running.url, ...args]);
      const local = await runMain(['findings', '--estate', `${ROOT}fixtures/estate`, ...args]);
      const lines = (out: string) =>
        (JSON.parse(out) as { findings: { rule: string; severity: string; id: string }[] }).findings.map(
          (f) => `${f.severity} ${f.rule} ${f.id}`,
        );
      expect(remote.code).toBe(local.code);
      expect(lines(remote.stdout)).toEqual(lines(local.stdout));
      expect(lines(remote.stdout).some((l) => l.includes('no-rotation'))).toBe(false);
      expect(lines(remote.stdout)).toContain(
        'error no-cmk platform/secrets::aws_secretsmanager_secret.reporting_db',
      );
    } finally {
      await running.close();
    }
  });
});
