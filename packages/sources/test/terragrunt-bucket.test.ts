import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type BuiltGraph, type IngestOutcome, loadEstate } from '@impact/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEstate } from '../src/open-estate.js';
import { S3RVER_ENV, startS3 } from './fakes/s3-emulator.js';
import { graphLines } from './fixture-estate.js';

// The standard credential chain reads these (s3rver's own credentials).
Object.assign(process.env, S3RVER_ENV);

const TREE = new URL('../../../fixtures/terragrunt', import.meta.url).pathname;
const BUCKET = 'prod-tg-tfstate-eu-west-1';
const DB = 'prod/eu-west-1/db/terraform.tfstate';
const FAST_RETRY = { attempts: 3, baseMs: 5, maxMs: 50 };

let s3: Awaited<ReturnType<typeof startS3>>;
let env: NodeJS.ProcessEnv;
const dirs: string[] = [];

/** The bucket mirror's states (key → bytes): what the bucket itself holds. */
function bucketObjects(): Map<string, Buffer> {
  const objects = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.tfstate'))
        objects.set(relative(join(TREE, BUCKET), full), readFileSync(full));
    }
  };
  walk(join(TREE, BUCKET));
  return objects;
}

/** A copy of the fixture tree without its bucket mirror, in a temporary directory. */
function treeWithout(manifest?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'impact-tg-'));
  dirs.push(dir);
  cpSync(TREE, dir, { recursive: true, filter: (src) => relative(TREE, src) !== BUCKET });
  if (manifest !== undefined) writeFileSync(join(dir, 'impact.yaml'), manifest);
  return dir;
}

async function fullIngest(dir: string): Promise<BuiltGraph> {
  const loaded = await loadEstate(dir);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.built;
}

function built(outcome: IngestOutcome): BuiltGraph {
  if (!outcome.ok) throw new Error(outcome.diagnostics.map((d) => d.message).join('; '));
  return outcome.built;
}

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  for (const [key, bytes] of bucketObjects()) await s3.put(BUCKET, key, bytes);
  env = { ...process.env, AWS_ENDPOINT_URL_S3: s3.endpoint };
}, 60_000);

afterAll(async () => {
  await s3?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a Terragrunt tree whose states are in the bucket itself', () => {
  it('gives the graph the tree beside a mirror of the bucket gives, with sources: naming only the bucket', async () => {
    const dir = treeWithout(`sources:\n  - url: s3://${BUCKET}\n`);
    const opened = await openEstate(dir, { env, retry: FAST_RETRY });
    if (!opened.ok) throw new Error(opened.diagnostics.map((d) => d.message).join('; '));
    const first = await opened.ingest.ingest();
    // Each state is named as in the mirror (`<bucket>/<key>`): nothing to normalise.
    const before = graphLines(built(first));
    expect(before).toEqual(graphLines(await fullIngest(TREE)));
    expect(first.ok && first.summary.fetched).toBe(bucketObjects().size);
    expect(built(first).graph.getNodeAttributes('prod/eu-west-1/db')).toMatchObject({
      backend: `s3://${BUCKET}/${DB}`,
      stateFile: `${BUCKET}/${DB}`,
      configDir: 'modules/db',
    });

    // One object changes in the bucket: that unit alone is fetched again, and the graph is the
    // one the tree with the changed state in its mirror gives.
    const state = JSON.parse(readFileSync(join(TREE, BUCKET, DB), 'utf8')) as {
      serial: number;
      resources: { type: string; instances: { attributes: Record<string, unknown> }[] }[];
    };
    const instance = state.resources.find((r) => r.type === 'aws_db_instance')?.instances[0];
    if (!instance) throw new Error('the fixture db state has no aws_db_instance');
    instance.attributes.arn = 'arn:aws:rds:eu-west-1:222222222222:db:app-prod-2';
    state.serial++;
    const changed = `${JSON.stringify(state, null, 2)}\n`;
    await s3.put(BUCKET, DB, changed);
    try {
      const next = await opened.ingest.ingest();
      expect(next.ok && [next.changed, next.summary.fetched]).toEqual([true, 1]);
      const mirror = treeWithout();
      cpSync(join(TREE, BUCKET), join(mirror, BUCKET), { recursive: true });
      writeFileSync(join(mirror, BUCKET, DB), changed);
      expect(graphLines(built(next))).toEqual(graphLines(await fullIngest(mirror)));
      // The graph was patched in place: what it held before was read out before the change.
      expect(graphLines(built(next))).not.toEqual(before);
    } finally {
      await s3.put(BUCKET, DB, readFileSync(join(TREE, BUCKET, DB)));
    }
  });

  it('keeps a unit the bucket has no state for, with its configuration, and says so', async () => {
    await s3.remove(BUCKET, DB);
    try {
      const dir = treeWithout(`sources:\n  - url: s3://${BUCKET}\n`);
      const opened = await openEstate(dir, { env, retry: FAST_RETRY });
      if (!opened.ok) throw new Error('cannot open');
      const graph = built(await opened.ingest.ingest());
      expect(graph.graph.getNodeAttribute('prod/eu-west-1/db', 'configDir')).toBe('modules/db');
      expect(graph.graph.getNodeAttribute('prod/eu-west-1/db', 'stateFile')).toBeUndefined();
      // Besides: the app reads db's outputs, which no state holds now (link.missing-output).
      expect(
        graph.diagnostics.filter((d) => d.code === 'terragrunt.state-not-found').map((d) => d.workspace),
      ).toEqual(['prod/eu-west-1/db']);
    } finally {
      await s3.put(BUCKET, DB, readFileSync(join(TREE, BUCKET, DB)));
    }
  });

  it('keeps a state of the bucket no unit names as a workspace of its own', async () => {
    await s3.put(BUCKET, 'legacy/dns/terraform.tfstate', readFileSync(join(TREE, BUCKET, DB)));
    try {
      const dir = treeWithout(`sources:\n  - url: s3://${BUCKET}\n`);
      const opened = await openEstate(dir, { env, retry: FAST_RETRY });
      if (!opened.ok) throw new Error('cannot open');
      const graph = built(await opened.ingest.ingest()).graph;
      const workspaces = graph.filterNodes((_id, a) => a.kind === 'workspace').sort();
      expect(workspaces).toEqual([
        'legacy/dns',
        'prod/eu-west-1/app',
        'prod/eu-west-1/db',
        'prod/eu-west-1/network',
        'prod/eu-west-1/secrets',
        'prod/eu-west-1/worker',
      ]);
    } finally {
      await s3.remove(BUCKET, 'legacy/dns/terraform.tfstate');
    }
  });

  it('says so when two sources list the state at one address, and the unit takes the first', async () => {
    // The bucket twice: whole, and again under the prefix that holds every unit's state.
    const dir = treeWithout(`sources:\n  - url: s3://${BUCKET}\n  - url: s3://${BUCKET}/prod\n`);
    const opened = await openEstate(dir, { env, retry: FAST_RETRY });
    if (!opened.ok) throw new Error('cannot open');
    const graph = built(await opened.ingest.ingest());
    const duplicates = graph.diagnostics.filter((d) => d.code === 'source.duplicate-state');
    expect(duplicates.length).toBe(bucketObjects().size);
    expect(duplicates.map((d) => d.message)).toContain(
      `s3://${BUCKET}/${DB} is listed by s3://${BUCKET} and by s3://${BUCKET}/prod: a unit whose remote_state is there takes s3://${BUCKET}'s`,
    );
    expect(graph.graph.getNodeAttribute('prod/eu-west-1/db', 'stateFile')).toBe(`${BUCKET}/${DB}`);
  });
});
