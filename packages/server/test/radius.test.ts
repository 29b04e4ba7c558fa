import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app-types.js';
import type { Subgraph } from '../src/schemas/subgraph.js';
import { enc, makeApp, NOW, SECRET_ID } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await makeApp();
});
afterAll(() => app.close());

describe('GET /api/nodes/:id/radius', () => {
  it('draws every node the impact analysis reaches, at the same distances, connected to the change', async () => {
    const radius = (await app.inject(`/api/nodes/${enc(SECRET_ID)}/radius`)).json() as Subgraph;
    const impact = (await app.inject(`/api/nodes/${enc(SECRET_ID)}/impact?now=${NOW}&limit=5000`)).json() as {
      result: { impacts: { id: string; distance: number }[] };
    };
    expect(radius.nodes[0]).toMatchObject({ id: SECRET_ID, distance: 0 });
    const drawn = new Map(radius.nodes.map((n) => [n.id, n.distance]));
    for (const i of impact.result.impacts) expect([i.id, drawn.get(i.id)]).toEqual([i.id, i.distance]);
    expect(radius.truncated).toBe(0);
    // Every drawn node but the change has an edge one hop closer to it.
    for (const n of radius.nodes.slice(1))
      expect(
        radius.edges.some((e) => e.from === n.id && drawn.get(e.to) === n.distance - 1),
        n.id,
      ).toBe(true);
    for (const n of radius.nodes) expect(Object.keys(n).sort()).not.toContain('severity');
  });

  it('stops at `limit`, counting the rest, and 404s an unknown node', async () => {
    const all = (await app.inject(`/api/nodes/${enc(SECRET_ID)}/radius`)).json() as Subgraph;
    const one = (await app.inject(`/api/nodes/${enc(SECRET_ID)}/radius?limit=1`)).json() as Subgraph;
    expect(one.nodes).toHaveLength(2);
    // Nodes past the limit are not walked further: `truncated` counts at least those seen.
    expect(one.truncated).toBeGreaterThan(0);
    expect(one.truncated).toBeLessThanOrEqual(all.nodes.length - 2);
    const gz = await app.inject({
      url: `/api/nodes/${enc(SECRET_ID)}/radius`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers.etag).toBeDefined();
    const missing = await app.inject(`/api/nodes/${enc('nowhere::x.y')}/radius`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NODE_NOT_FOUND');
    expect((await app.inject(`/api/nodes/${enc(SECRET_ID)}/radius?limit=20001`)).statusCode).toBe(400);
  });
});
