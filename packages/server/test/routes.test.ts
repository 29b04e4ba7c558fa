import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app-types.js';
import { enc, makeApp, NOW, SECRET_ARN, SECRET_ID } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await makeApp();
});
afterAll(() => app.close());

const get = async (url: string) => {
  const res = await app.inject(url);
  return { status: res.statusCode, body: res.json() };
};

describe('estate routes', () => {
  it('GET /api/health reports counts and an idle ingest', async () => {
    const { status, body } = await get('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      counts: { workspaces: 3, resources: 9, outputs: 2 },
      diagnostics: { error: 0 },
      ingest: { state: 'idle' },
    });
    expect(body.ingest.lastError).toBeUndefined();
  });

  it('GET /api/diagnostics lists diagnostics', async () => {
    expect(await get('/api/diagnostics')).toEqual({ status: 200, body: { diagnostics: [] } });
  });

  it('GET /api/workspaces counts consumers and producers across workspaces', async () => {
    const { body } = await get('/api/workspaces');
    expect(
      body.items.map((w: { name: string; consumers: number; producers: number }) => [
        w.name,
        w.consumers,
        w.producers,
      ]),
    ).toEqual([
      ['apps/api', 0, 1],
      ['batch/ledger', 0, 1],
      ['platform/secrets', 2, 0],
    ]);
  });

  it('GET /api/workspaces/:name gives its nodes and neighbours; 404 for an unknown one', async () => {
    const { status, body } = await get(`/api/workspaces/${enc('platform/secrets')}`);
    expect(status).toBe(200);
    expect(body.consumerWorkspaces).toEqual(['apps/api', 'batch/ledger']);
    expect(body.producerWorkspaces).toEqual([]);
    expect(body.nodes.map((n: { id: string }) => n.id)).toContain(SECRET_ID);
    const missing = await get('/api/workspaces/nope');
    expect(missing).toEqual({
      status: 404,
      body: {
        error: { code: 'WORKSPACE_NOT_FOUND', message: 'no workspace "nope" in the estate', statusCode: 404 },
      },
    });
  });

  it("GET /api/findings lists the rules' findings and filters them", async () => {
    const { status, body } = await get('/api/findings');
    expect(status).toBe(200);
    expect(body.findings.length).toBeGreaterThan(0);
    for (const f of body.findings)
      expect(Object.keys(f).sort()).toEqual(
        expect.arrayContaining(['evidence', 'id', 'message', 'rule', 'severity', 'workspace']),
      );
    const noRotation = await get('/api/findings?rule=no-rotation');
    expect(noRotation.body.findings.length).toBeGreaterThan(0);
    expect(noRotation.body.findings.every((f: { rule: string }) => f.rule === 'no-rotation')).toBe(true);
  });

  it('GET /api/findings answers one page at a time, with the total', async () => {
    const all = (await get('/api/findings')).body;
    expect(all).toMatchObject({ offset: 0, limit: 100, total: all.findings.length });
    expect(all.total).toBeGreaterThan(2);
    const pages = [];
    for (let offset = 0; offset < all.total; offset += 2) {
      const page = (await get(`/api/findings?offset=${offset}&limit=2`)).body;
      expect(page).toMatchObject({ offset, limit: 2, total: all.total });
      pages.push(...page.findings);
    }
    expect(pages).toEqual(all.findings);
    expect((await get(`/api/findings?offset=${all.total}`)).body.findings).toEqual([]);
    for (const q of ['limit=0', 'limit=1001', 'offset=-1'])
      expect([q, (await get(`/api/findings?${q}`)).status]).toEqual([q, 400]);
  });
});

describe('secrets', () => {
  it('lists secrets with consumers outside their workspace', async () => {
    const { body } = await get('/api/secrets?sort=consumers&order=desc');
    expect(body.total).toBe(3);
    expect(body.items[0]).toMatchObject({
      id: SECRET_ID,
      name: 'prod/orders/db',
      arn: SECRET_ARN,
      service: 'secretsmanager',
      recoveryWindowDays: 0,
      consumerWorkspaces: 2,
      worstFinding: expect.stringMatching(/^(error|warn|info):[a-z-]+$/),
    });
    expect(body.items[0].consumers).toBeGreaterThanOrEqual(3);
  });

  it('filters, sorts and pages', async () => {
    const { body } = await get('/api/secrets?q=ssm&sort=name&offset=1&limit=1');
    expect(body).toMatchObject({ total: 2, offset: 1, limit: 1 });
    expect(body.items.map((s: { name: string }) => s.name)).toEqual(['/prod/api/key']);
  });

  it('rejects an unknown sort with the error shape', async () => {
    const { status, body } = await get('/api/secrets?sort=size');
    expect(status).toBe(400);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toMatch(/sort/);
  });
});

describe('nodes', () => {
  it('searches by name or ARN, exact matches first', async () => {
    const { body } = await get(`/api/nodes?q=${enc('prod/orders/db')}&limit=5`);
    expect(body.items[0].id).toBe(SECRET_ID);
    expect(body.items.length).toBeLessThanOrEqual(5);
  });

  it('GET /api/nodes/:id gives the node with dependents (in) and dependencies (out)', async () => {
    const { status, body } = await get(`/api/nodes/${enc(SECRET_ID)}`);
    expect(status).toBe(200);
    expect(body.node).toMatchObject({
      id: SECRET_ID,
      kind: 'resource',
      secret: { service: 'secretsmanager' },
    });
    expect(body.node.secret.valueDigest).toBeUndefined();
    expect(body.in.map((e: { from: string }) => e.from)).toContain('apps/api::aws_ecs_task_definition.api');
    expect(body.out).toEqual([]);
    for (const e of body.in) expect(e.key).toBe(`${e.from}->${e.to}#${e.kind}`);
  });

  it('resolves a secret by name or ARN as well as by id', async () => {
    expect((await get(`/api/nodes/${enc('prod/orders/db')}`)).body.node.id).toBe(SECRET_ID);
    expect((await get(`/api/nodes/${enc(SECRET_ARN)}`)).body.node.id).toBe(SECRET_ID);
  });

  it('404s an unknown node with the error shape', async () => {
    const { status, body } = await get(`/api/nodes/${enc('nope::aws_x.y')}`);
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'NODE_NOT_FOUND', statusCode: 404 });
  });
});

describe('impact of a node', () => {
  it('answers the result and a subgraph with the changed node at distance 0', async () => {
    const { status, body } = await get(`/api/nodes/${enc(SECRET_ID)}/impact?action=delete&now=${NOW}`);
    expect(status).toBe(200);
    expect(body.result.summary.worst).toBe('irrecoverable');
    expect(body.result.now).toBe(NOW);
    const lambda = body.result.impacts.find(
      (i: { id: string }) => i.id === 'batch/ledger::aws_lambda_function.ledger',
    );
    expect(lambda).toMatchObject({ severity: 'irrecoverable', noticedBy: { kind: expect.any(String) } });
    const nodes = new Map(body.subgraph.nodes.map((n: { id: string }) => [n.id, n]));
    expect(nodes.get(SECRET_ID)).toMatchObject({ distance: 0 });
    for (const impact of body.result.impacts)
      expect(nodes.get(impact.id)).toMatchObject({ severity: impact.severity, distance: impact.distance });
    expect(body.subgraph.nodes).toHaveLength(body.result.impacts.length + 1);
    for (const e of body.subgraph.edges) {
      expect(nodes.has(e.from) && nodes.has(e.to)).toBe(true);
    }
    expect(body.subgraph.truncated).toBe(0);
  });

  it('bounds the answer by depth and limit, counting what it leaves out', async () => {
    const { body } = await get(`/api/nodes/${enc(SECRET_ID)}/impact?depth=1&now=${NOW}`);
    expect(Math.max(...body.subgraph.nodes.map((n: { distance: number }) => n.distance))).toBe(1);
    expect(body.subgraph.truncated).toBeGreaterThan(0);
    expect(body.result.truncated.unanalysed).toBe(body.result.truncated.impacts);
    const full = (await get(`/api/nodes/${enc(SECRET_ID)}/impact?now=${NOW}`)).body;
    const limited = (await get(`/api/nodes/${enc(SECRET_ID)}/impact?limit=2&now=${NOW}`)).body;
    // The list is a page, worst first; the summary still counts every impact.
    expect(limited.result.impacts).toEqual(full.result.impacts.slice(0, 2));
    expect(limited.result.summary).toEqual(full.result.summary);
    expect(limited.result.truncated).toEqual({ impacts: full.result.impacts.length - 2 });
    expect(limited.subgraph.truncated).toBe(limited.result.truncated.impacts);
    // Every listed impact stays drawn up to its change, through nodes the list left out.
    const drawn = new Set(
      limited.subgraph.edges.map((e: { from: string; to: string }) => `${e.from}>${e.to}`),
    );
    for (const impact of limited.result.impacts)
      for (const step of impact.path) expect(drawn.has(`${step.from}>${step.to}`)).toBe(true);
  });

  it('takes replace and a recovery window override', async () => {
    const replace = (await get(`/api/nodes/${enc(SECRET_ID)}/impact?action=replace&now=${NOW}`)).body;
    expect(replace.result.changes[0]).toMatchObject({ action: 'replace', actions: ['delete', 'create'] });
    const windowed = (await get(`/api/nodes/${enc(SECRET_ID)}/impact?recoveryWindow=30&now=${NOW}`)).body;
    expect(windowed.result.changes[0].recoveryWindowDays).toBe(30);
    expect(windowed.result.summary.bySeverity.irrecoverable).toBeLessThan(
      (await get(`/api/nodes/${enc(SECRET_ID)}/impact?now=${NOW}`)).body.result.summary.bySeverity
        .irrecoverable,
    );
  });

  it('answers with an ETag, 304 when the client holds it, gzip when asked for', async () => {
    const url = `/api/nodes/${enc(SECRET_ID)}/impact?now=${NOW}`;
    const plain = await app.inject(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(plain.headers.vary).toBe('accept-encoding');
    const again = await app.inject({ url, headers: { 'if-none-match': etag } });
    expect([again.statusCode, again.body]).toEqual([304, '']);
    // Another question is another answer: the old ETag does not match it.
    const other = await app.inject({ url: `${url}&action=replace`, headers: { 'if-none-match': etag } });
    expect(other.statusCode).toBe(200);
    const zipped = await app.inject({ url, headers: { 'accept-encoding': 'br;q=1, gzip;q=0.8' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.etag).toBe(etag);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    const refused = await app.inject({ url, headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('400s bad query values and 404s unknown nodes', async () => {
    for (const q of ['action=rename', 'now=yesterday', 'depth=0', 'limit=100000', 'recoveryWindow=31']) {
      const { status, body } = await get(`/api/nodes/${enc(SECRET_ID)}/impact?${q}`);
      expect([q, status, body.error.code]).toEqual([q, 400, 'BAD_REQUEST']);
    }
    expect((await get(`/api/nodes/${enc('x::y')}/impact`)).status).toBe(404);
  });
});

describe('ingest', () => {
  it('POST /api/ingest answers 202 and runs in the background', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/ingest',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ state: 'running' });
    await expect.poll(async () => (await get('/api/health')).body.ingest.state).toBe('idle');
    expect((await get('/api/health')).body.status).toBe('ok');
  });
});

describe('OpenAPI', () => {
  it('serves the document at /openapi.json with every route, and a page at /docs', async () => {
    const { status, body } = await get('/openapi.json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths).sort()).toEqual([
      '/api/alerts',
      '/api/changes',
      '/api/diagnostics',
      '/api/estate/map',
      '/api/events',
      '/api/findings',
      '/api/health',
      '/api/history',
      '/api/history/{version}',
      '/api/ingest',
      '/api/nodes',
      '/api/nodes/{id}',
      '/api/nodes/{id}/history',
      '/api/nodes/{id}/impact',
      '/api/nodes/{id}/radius',
      '/api/plans',
      '/api/plans/impact',
      '/api/plans/{id}/impact',
      '/api/secrets',
      '/api/sources',
      '/api/workspaces',
      '/api/workspaces/{name}',
    ]);
    const docs = await app.inject('/docs');
    expect(docs.statusCode).toBeLessThan(400);
  });
});
