import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app-types.js';
import { PLAN_BODY_LIMIT } from '../src/routes/plan-route.js';
import { MINI_ESTATE, makeApp, NOW, SECRET_ID } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await makeApp();
});
afterAll(() => app.close());

const PLAN = readFileSync(`${MINI_ESTATE}/plans/delete-db-secret.json`);
const upload = (payload: Buffer | string, query = '', contentType = 'application/json') =>
  app.inject({
    method: 'POST',
    url: `/api/plans/impact${query}`,
    headers: { 'content-type': contentType },
    payload,
  });

describe('POST /api/plans/impact', () => {
  it('analyses a plan, inferring its workspace from prior_state', async () => {
    const res = await upload(PLAN, `?now=${NOW}`);
    expect(res.statusCode).toBe(200);
    const { result, subgraph } = res.json();
    expect(result).toMatchObject({ workspace: 'platform/secrets', workspaceInferred: true, now: NOW });
    expect(result.changes.map((c: { id: string }) => c.id)).toContain(SECRET_ID);
    expect(result.summary.worst).toBe('irrecoverable');
    expect(subgraph.nodes.filter((n: { distance: number }) => n.distance === 0).length).toBe(
      result.changes.length,
    );
  });

  it('takes any Content-Type, and an explicit workspace', async () => {
    const res = await upload(
      PLAN,
      `?workspace=${encodeURIComponent('platform/secrets')}`,
      'application/octet-stream',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().result.workspaceInferred).toBeUndefined();
  });

  it('analyses a plan of a workspace the estate does not know from its prior state, and says so', async () => {
    const res = await upload(PLAN, '?workspace=nope');
    expect(res.statusCode).toBe(200);
    expect(res.json().result.diagnostics.map((d: { code: string }) => d.code)).toContain(
      'plan.workspace-not-in-estate',
    );
    expect(res.json().result.workspace).toBe('nope');
    // The estate itself is unchanged afterwards.
    const again = await app.inject({ method: 'GET', url: '/api/workspaces/nope' });
    expect(again.statusCode).toBe(404);
  });

  it('400s a binary plan, saying how to convert it', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    const res = await upload(zip, '', 'application/octet-stream');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_PLAN', statusCode: 400 });
    expect(res.json().error.message).toMatch(/terraform show -json/);
  });

  it('400s truncated JSON, a state, an empty body and a first apply without workspace', async () => {
    const truncated = await upload(PLAN.subarray(0, 200));
    expect(truncated.json().error).toMatchObject({ code: 'INVALID_PLAN' });
    expect(truncated.json().error.message).toMatch(/truncated/);
    const state = await upload(readFileSync(`${MINI_ESTATE}/apps/api/terraform.tfstate`));
    expect(state.json().error.message).toMatch(/state, not a plan/);
    const empty = await upload('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('INVALID_PLAN');
    // An output removed by a plan with no prior state: whose it is cannot be known.
    const unknown = await upload(
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [],
        output_changes: { x: { actions: ['delete'] } },
      }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'PLAN_REJECTED' });
    expect(unknown.json().error.message).toMatch(/\?workspace=/);
    // A first apply creates only: it breaks nothing.
    const firstApply = await upload(
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [
          {
            address: 'aws_secretsmanager_secret.x',
            mode: 'managed',
            type: 'aws_secretsmanager_secret',
            name: 'x',
            change: { actions: ['create'], before: null, after: { name: 'x' } },
          },
        ],
      }),
    );
    expect(firstApply.statusCode).toBe(200);
    expect(firstApply.json().result.summary.impacted).toBe(0);
  });

  it('413s a body over 20 MB with the error shape, and takes one just under', async () => {
    const over = await upload(Buffer.alloc(PLAN_BODY_LIMIT + 1, 0x20));
    expect(over.statusCode).toBe(413);
    expect(over.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), statusCode: 413 },
    });
    const padded = Buffer.concat([PLAN, Buffer.alloc(PLAN_BODY_LIMIT - PLAN.length - 1, 0x20)]);
    expect((await upload(padded)).statusCode).toBe(200);
  });
});
