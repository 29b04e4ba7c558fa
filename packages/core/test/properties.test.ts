import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../src/graph/build-graph.js';
import { createEstateGraph } from '../src/graph/estate-graph.js';
import { toSnapshot } from '../src/graph/snapshot.js';
import { blastRadius } from '../src/impact/blast-radius.js';
import { queryImpact } from '../src/impact/query-impact.js';
import { ingestHclFiles } from '../src/ingest/ingest-hcl.js';
import { readTerraformJson } from '../src/ingest/read-terraform-json.js';
import type { Diagnostic } from '../src/model/diagnostic.js';
import type { WorkspaceModel } from '../src/model/estate.js';
import { ACCOUNT, edgeLines, makeEstate, type TestWorkspace } from './make-estate.js';

// Seeded and bounded: the same cases on every run, the whole file well under 20 s.
const SEED = 20_261_202;
const ESTATE = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/estate');
const fixture = (path: string) => readFileSync(join(ESTATE, path), 'utf8');
const STATES = [
  'acme-tfstate/platform/secrets.tfstate',
  'acme-tfstate/apps/orders-api.tfstate',
  'batch/ledger-export.tfstate',
].map((p) => (p.startsWith('batch') ? `acme-tfstate/${p}` : p));
const PLANS = ['plans/delete-secret.json', 'plans/replace-secret.json', 'plans/remove-output.json'];
const HCL = ['configs/platform/secrets/main.tf', 'configs/apps/orders-api/main.tf'];
const NOW = new Date('2026-12-02T00:00:00Z');
const encode = (s: string) => new TextEncoder().encode(s);

/** Text edits that real damage does: truncation, lost or doubled bytes, junk inserted, bytes flipped. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 200 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: Mutation[]): string {
  let s = text;
  for (const e of edits) {
    const at = s.length === 0 ? 0 : e.at % s.length;
    if (e.kind === 'truncate') s = s.slice(0, at);
    else if (e.kind === 'delete') s = s.slice(0, at) + s.slice(at + e.n);
    else if (e.kind === 'insert') s = s.slice(0, at) + e.text + s.slice(at);
    else if (e.kind === 'flip') s = s.slice(0, at) + String.fromCharCode(e.code) + s.slice(at + 1);
    else s = s.slice(0, at) + s.slice(at, at + e.n) + s.slice(at);
  }
  return s;
}

/** Replaces one node of a JSON tree (picked by a walk index) with an arbitrary JSON value. */
function replaceNode(doc: unknown, pick: number, value: unknown): unknown {
  let n = 0;
  const target = pick;
  const walk = (v: unknown): unknown => {
    if (n++ === target) return value;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(doc);
}

function ingestNeverThrows(bytes: Uint8Array, file: string): void {
  const diagnostics: Diagnostic[] = [];
  const doc = readTerraformJson(bytes, file, diagnostics);
  if (doc.kind === 'invalid') {
    expect(diagnostics.some((d) => d.severity === 'error' && d.file === file)).toBe(true);
    return;
  }
  if (doc.kind === 'state') {
    const ws: WorkspaceModel = { name: 'w', backend: null, stateFile: file, state: doc.state, config: null };
    buildGraph({ source: 't', workspaces: [ws], diagnostics, ingestedAt: '2026-01-01T00:00:00Z' });
  }
}

describe('ingest never throws on user data', () => {
  it('random bytes and random JSON give a document or a diagnostic', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.jsonValue({ maxDepth: 4 }).map((v) => encode(JSON.stringify(v))),
          fc
            .record({
              version: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.string()),
              resources: fc.jsonValue(),
            })
            .map((v) => encode(JSON.stringify(v))),
          fc
            .record({
              format_version: fc.string({ maxLength: 5 }),
              resource_changes: fc.jsonValue({ maxDepth: 3 }),
            })
            .map((v) => encode(JSON.stringify(v))),
        ),
        (bytes) => ingestNeverThrows(bytes, 'random.json'),
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('mutated fixture states and plans (text edits) never throw', () => {
    const sources = [...STATES, ...PLANS].map((p) => ({ p, text: fixture(p) }));
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (src, edits) => ingestNeverThrows(encode(mutate(src.text, edits)), src.p),
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('fixture states and plans with a random subtree replaced never throw', () => {
    const docs = [...STATES, ...PLANS].map((p) => ({ p, json: JSON.parse(fixture(p)) as unknown }));
    fc.assert(
      fc.property(
        fc.constantFrom(...docs),
        fc.nat({ max: 3000 }),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.constant({}), fc.constant([])),
        (src, pick, value) =>
          ingestNeverThrows(encode(JSON.stringify(replaceNode(src.json, pick, value))), src.p),
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('random and mutated HCL text gives a config or diagnostics', async () => {
    const sources = HCL.map(fixture);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .tuple(fc.constantFrom(...sources), fc.array(mutation, { minLength: 1, maxLength: 3 }))
            .map(([t, e]) => mutate(t, e)),
        ),
        async (text) => {
          const diagnostics: Diagnostic[] = [];
          const model = await ingestHclFiles('c', [{ path: 'c/main.tf', text }], diagnostics);
          expect(model.files.length + diagnostics.length).toBeGreaterThan(0);
        },
      ),
      { seed: SEED, numRuns: 25 },
    );
  });
});

/** A producer and consumers wired by every kind of evidence; the property picks which parts exist. */
const SECRET = (n: number) => `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/s${n}-Suf${n}xx`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/6f1c2a8e-0000-4000-8000-000000000001`;

function estateOf(
  consumers: { secret: number; how: number; extra: number }[],
  canary: (slot: string) => string,
): TestWorkspace[] {
  const producer: TestWorkspace = {
    name: 'platform/secrets',
    backend: 's3://tf/platform.tfstate',
    resources: [
      { address: 'aws_kms_key.k', attributes: { arn: KEY, key_id: '6f1c2a8e-0000-4000-8000-000000000001' } },
      ...[0, 1, 2].flatMap((n) => [
        {
          address: `aws_secretsmanager_secret.s${n}`,
          attributes: {
            arn: SECRET(n),
            id: SECRET(n),
            name: `prod/s${n}`,
            kms_key_id: KEY,
            recovery_window_in_days: 7,
          },
        },
        {
          address: `aws_secretsmanager_secret_version.s${n}`,
          attributes: {
            arn: SECRET(n),
            secret_id: SECRET(n),
            secret_string: JSON.stringify({ password: canary(`version-${n}`) }),
          },
          dependencies: [`aws_secretsmanager_secret.s${n}`],
        },
      ]),
      {
        address: 'aws_ssm_parameter.p',
        attributes: {
          arn: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/prod/p`,
          name: '/prod/p',
          type: 'SecureString',
          value: canary('ssm'),
        },
      },
      {
        address: 'aws_db_instance.db',
        attributes: {
          arn: `arn:aws:rds:eu-west-1:${ACCOUNT}:db:d`,
          password: canary('db'),
          custom: canary('marked'),
        },
        sensitive: ['password', 'custom'],
      },
    ],
    outputs: {
      s0_arn: { value: SECRET(0) },
      pw: { value: canary('output'), sensitive: true },
      nested: { value: { inner: canary('nested-output') }, sensitive: true },
    },
  };
  const workspaces = [producer];
  consumers.forEach((c, i) => {
    const arn = SECRET(c.secret);
    const how = [
      {
        task_role_arn: '',
        container_definitions: JSON.stringify([{ secrets: [{ name: 'S', valueFrom: arn }] }]),
      },
      { environment: [{ variables: { SECRET_NAME: `prod/s${c.secret}` } }] },
      {
        policy: JSON.stringify({
          Statement: [{ Effect: 'Allow', Action: 'secretsmanager:*', Resource: `${arn.slice(0, -7)}*` }],
        }),
      },
      { container_properties: JSON.stringify({ secrets: [{ valueFrom: arn.slice(0, -7) }] }) },
    ][c.how % 4];
    const type = [
      'aws_ecs_task_definition',
      'aws_lambda_function',
      'aws_iam_policy',
      'aws_batch_job_definition',
    ][c.how % 4];
    workspaces.push({
      name: `apps/a${i}`,
      backend: `s3://tf/apps/a${i}.tfstate`,
      resources: [
        {
          address: 'data.terraform_remote_state.platform',
          attributes: {
            backend: 's3',
            config: { value: { bucket: 'tf', key: 'platform.tfstate' }, type: ['object', {}] },
            outputs: {
              value: {
                s0_arn: SECRET(0),
                pw: canary(`copy-${i}`),
                nested: { inner: canary(`copy-nested-${i}`) },
              },
              type: ['object', {}],
            },
          },
        },
        { address: `${type}.c`, attributes: { arn: `arn:aws:x:eu-west-1:${ACCOUNT}:c${i}`, ...how } },
        ...Array.from({ length: c.extra }, (_, k) => ({
          address: `aws_ecs_service.e${k}`,
          attributes: { name: `e${k}`, api_token: canary(`token-${i}-${k}`) },
          dependencies: [`${type}.c`, ...(k > 0 ? [`aws_ecs_service.e${k - 1}`] : [])],
        })),
        {
          address: 'data.aws_secretsmanager_secret_version.v',
          attributes: { arn, secret_id: `prod/s${c.secret}`, secret_string: canary(`lookup-${i}`) },
        },
      ],
    });
  });
  return workspaces;
}

const consumersArb = fc.array(
  fc.record({ secret: fc.nat({ max: 2 }), how: fc.nat({ max: 3 }), extra: fc.nat({ max: 3 }) }),
  { minLength: 1, maxLength: 5 },
);

describe('graph invariants', () => {
  it('re-ingesting the same input yields the same node ids and edges; linking twice changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(consumersArb, async (consumers) => {
        const ws = estateOf(consumers, (slot) => `CANARY-${slot}`);
        const a = await makeEstate(ws);
        const b = await makeEstate(ws);
        expect(b.graph.nodes().sort()).toEqual(a.graph.nodes().sort());
        expect(edgeLines(b)).toEqual(edgeLines(a));
        expect(b.graph.edges().sort()).toEqual(a.graph.edges().sort());
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('linkers are idempotent: building twice over the same (already linked) models gives the same graph', () => {
    const diagnostics: Diagnostic[] = [];
    const models: WorkspaceModel[] = STATES.map((p) => {
      const doc = readTerraformJson(encode(fixture(p)), p, diagnostics);
      if (doc.kind !== 'state') throw new Error(p);
      return { name: p, backend: `local://${p}`, stateFile: p, state: doc.state, config: null };
    });
    const estate = { source: 't', workspaces: models, diagnostics, ingestedAt: '2026-01-01T00:00:00Z' };
    const first = edgeLines(buildGraph(estate));
    expect(edgeLines(buildGraph(estate))).toEqual(first);
  });

  it('blast radius of a set ⊇ blast radius of each member (random graphs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            edges: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: 120 }),
            set: fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: 6 }),
          }),
        ),
        ({ n, edges, set }) => {
          const g = createEstateGraph();
          for (let i = 0; i < n; i++)
            g.addNode(`w::r${i}`, { kind: 'resource', workspace: 'w', address: `r${i}`, label: `r${i}` });
          for (const [s, t] of edges) {
            const key = `r${s}->r${t}`;
            if (s !== t && !g.hasEdge(key))
              g.addDirectedEdgeWithKey(key, `w::r${s}`, `w::r${t}`, {
                kind: 'depends_on',
                attribute: '',
                confidence: 'reference',
              });
          }
          const ids = set.map((i) => `w::r${i}`);
          const union = new Set(blastRadius(g, ids).reached.map((r) => r.id));
          for (const id of ids) {
            for (const r of blastRadius(g, [id]).reached)
              if (!ids.includes(r.id)) expect(union.has(r.id)).toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('blast radius of a set ⊇ blast radius of each member (linked estates)', async () => {
    await fc.assert(
      fc.asyncProperty(
        consumersArb,
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        async (consumers, picks) => {
          const built = await makeEstate(estateOf(consumers, (slot) => `CANARY-${slot}`));
          const nodes = built.graph.nodes();
          const ids = [...new Set(picks.map((p) => nodes[p % nodes.length] as string))];
          const union = new Set(blastRadius(built.graph, ids).reached.map((r) => r.id));
          for (const id of ids)
            for (const r of blastRadius(built.graph, [id]).reached)
              if (!ids.includes(r.id)) expect(union.has(r.id)).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 30 },
    );
  });
});

describe('secrets never leave', () => {
  it('no canary survives into the snapshot or any impact result, wherever it was placed', async () => {
    await fc.assert(
      fc.asyncProperty(consumersArb, fc.nat({ max: 1_000_000 }), async (consumers, salt) => {
        const placed: string[] = [];
        const canary = (slot: string) => {
          const c = `CANARY-${salt}-${slot}`;
          placed.push(c);
          return c;
        };
        const built = await makeEstate(estateOf(consumers, canary));
        const out: string[] = [JSON.stringify(toSnapshot(built, 'test', NOW))];
        built.graph.forEachNode((id, a) => {
          if (a.kind === 'workspace') return;
          for (const action of ['delete', 'replace'] as const)
            out.push(JSON.stringify(queryImpact(built.graph, id, { action, now: NOW })));
        });
        const text = out.join('\n');
        for (const c of placed) expect(text.includes(c), c).toBe(false);
      }),
      { seed: SEED, numRuns: 25 },
    );
  });
});
