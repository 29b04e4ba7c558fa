import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { type BuiltGraph, type IngestOutcome, SourceError } from '@impact/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEstate } from '../src/open-estate.js';
import { tokenVariable } from '../src/terraform-token.js';
import { startAzurite } from './fakes/azurite.js';
import { startGcsFake } from './fakes/gcs-fake.js';
import { S3RVER_ENV, startS3 } from './fakes/s3-emulator.js';
import { startTfcFake } from './fakes/tfc-fake.js';
import {
  BUCKET,
  directoryGraph,
  fixtureObjects,
  graphLines,
  ORGANIZATION,
  sourcesEstate,
} from './fixture-estate.js';

// The standard credential chain reads these (s3rver's own credentials).
Object.assign(process.env, S3RVER_ENV);

const TOKEN = 'tfc-test-token';
let s3: Awaited<ReturnType<typeof startS3>>;
let gcs: Awaited<ReturnType<typeof startGcsFake>>;
let azure: Awaited<ReturnType<typeof startAzurite>>;
let tfc: Awaited<ReturnType<typeof startTfcFake>>;
let env: NodeJS.ProcessEnv;
let reference: string[];
const dirs: string[] = [];
const FAST_RETRY = { attempts: 3, baseMs: 5, maxMs: 50 };

beforeAll(async () => {
  [s3, gcs, azure, tfc] = await Promise.all([
    startS3(),
    startGcsFake({ pageSize: 3 }),
    startAzurite(),
    startTfcFake({ token: TOKEN, organization: ORGANIZATION, pageSize: 1 }),
  ]);
  const { objects, tfc: workspaces } = fixtureObjects();
  await s3.createBucket(BUCKET);
  await azure.createContainer(BUCKET);
  for (const [key, bytes] of objects) {
    await s3.put(BUCKET, key, bytes);
    await azure.put(BUCKET, key, bytes);
    gcs.put(BUCKET, key, bytes);
  }
  for (const [name, bytes] of workspaces) tfc.put(name, bytes);
  // A workspace no glob of the fixture selects, on a second page of the listing.
  tfc.put('zz-sandbox', workspaces.get('data-reporting') as Buffer);
  env = {
    ...process.env,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    STORAGE_EMULATOR_HOST: gcs.host,
    AZURE_STORAGE_CONNECTION_STRING: azure.connectionString,
    [tokenVariable(tfc.host)]: TOKEN,
  };
  reference = graphLines(await directoryGraph());
}, 120_000);

afterAll(async () => {
  await Promise.all([s3?.close(), gcs?.close(), azure?.close(), tfc?.close()]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function ingestOnce(estate: string, extra: NodeJS.ProcessEnv = {}): Promise<IngestOutcome> {
  const opened = await openEstate(estate, { env: { ...env, ...extra }, retry: FAST_RETRY });
  if (!opened.ok) throw new Error(opened.diagnostics.map((d) => d.message).join('; '));
  return opened.ingest.ingest();
}

function built(outcome: IngestOutcome): BuiltGraph {
  if (!outcome.ok) throw new Error(outcome.diagnostics.map((d) => d.message).join('; '));
  return outcome.built;
}

function estate(bucketUrl: string, withBackends: boolean): string {
  const dir = sourcesEstate(bucketUrl, `tfe+http://${tfc.host}/${ORGANIZATION}/data-*`, withBackends);
  dirs.push(dir);
  return dir;
}

/** HCP Terraform names its states `tfc/<org>/…`; a Terraform Enterprise host (the fake) by its host. */
const asTfc = (line: string) => line.replaceAll(`${tfc.host}/${ORGANIZATION}/`, `tfc/${ORGANIZATION}/`);

describe('sources give the graph the directory gives', () => {
  it('S3 (s3rver) and HCP Terraform, with no backend in the manifest', async () => {
    const outcome = await ingestOnce(estate(`s3://${BUCKET}`, false));
    expect(graphLines(built(outcome), asTfc)).toEqual(reference);
  });

  it('GCS (the JSON API fake) and HCP Terraform', async () => {
    expect(graphLines(built(await ingestOnce(estate(`gs://${BUCKET}`, true))), asTfc)).toEqual(reference);
  });

  it('Azure Blob (Azurite) and HCP Terraform', async () => {
    const url = `azblob://${azure.account}/${BUCKET}`;
    expect(graphLines(built(await ingestOnce(estate(url, true))), asTfc)).toEqual(reference);
  });
});

describe('a bucket with no manifest', () => {
  it('resolves every remote-state reader of the bucket by key, and names Terraform workspaces', async () => {
    await s3.put(
      BUCKET,
      'env:/staging/apps/checkout.tfstate',
      fixtureObjects().objects.get('apps/checkout.tfstate') as Buffer,
    );
    try {
      const graph = built(await ingestOnce(`s3://${BUCKET}`)).graph;
      const dir = (await directoryGraph()).graph;
      // Readers in the bucket of states in the bucket (data/reporting lives in HCP Terraform).
      const inBucket = (id: string) => String(dir.getNodeAttribute(id, 'backend')).startsWith('s3://');
      const s3Readers = dir.filterEdges(
        (_e, a, s, t) =>
          a.kind === 'remote_state' && inBucket(t) && inBucket(dir.getNodeAttribute(s, 'workspace')),
      );
      expect(s3Readers.length).toBeGreaterThanOrEqual(3); // not vacuous
      const resolved = graph.filterEdges((_e, a) => a.kind === 'remote_state');
      expect(resolved.length).toBe(s3Readers.length);
      expect(graph.getNodeAttributes('apps/checkout@staging')).toMatchObject({
        backend: `s3://${BUCKET}/env:/staging/apps/checkout.tfstate`,
        stateFile: `${BUCKET}/env:/staging/apps/checkout.tfstate`,
      });
      expect(graph.hasNode('jobs/nightly/reconcile')).toBe(true);
    } finally {
      await s3.remove(BUCKET, 'env:/staging/apps/checkout.tfstate');
    }
  });
});

describe('re-ingest', () => {
  it('fetches only the state whose ETag, generation or state version changed', async () => {
    for (const url of [`s3://${BUCKET}`, `gs://${BUCKET}`, `azblob://${azure.account}/${BUCKET}`]) {
      const opened = await openEstate(url, { env, retry: FAST_RETRY });
      if (!opened.ok) throw new Error('cannot open');
      const first = await opened.ingest.ingest();
      expect(first.ok && first.summary.fetched).toBe(fixtureObjects().objects.size);
      const same = await opened.ingest.ingest();
      expect(same.ok && [same.changed, same.summary.fetched]).toEqual([false, 0]);
      const bytes = fixtureObjects().objects.get('shared/network.tfstate') as Buffer;
      const touched = Buffer.from(bytes.toString('utf8').replace('"serial": ', '"serial": 1'));
      if (url.startsWith('s3')) await s3.put(BUCKET, 'shared/network.tfstate', touched);
      else if (url.startsWith('gs')) gcs.put(BUCKET, 'shared/network.tfstate', touched);
      else await azure.put(BUCKET, 'shared/network.tfstate', touched);
      const next = await opened.ingest.ingest();
      expect(next.ok && [next.changed, next.summary.fetched], url).toEqual([true, 1]);
    }
    const opened = await openEstate(`tfe+http://${tfc.host}/${ORGANIZATION}`, { env, retry: FAST_RETRY });
    if (!opened.ok) throw new Error('cannot open');
    expect(built(await opened.ingest.ingest()).stats.workspaces).toBe(2);
    tfc.put('zz-sandbox', fixtureObjects().tfc.get('data-reporting') as Buffer);
    const next = await opened.ingest.ingest();
    expect(next.ok && next.summary.fetched).toBe(1);
  });
});

describe('faults name the source and the reason', () => {
  const failure = async (estate: string, extra: NodeJS.ProcessEnv = {}) => {
    const outcome = await ingestOnce(estate, extra);
    expect(outcome.ok).toBe(false);
    return outcome.ok ? '' : outcome.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; ');
  };
  const tfcUrl = () => `tfe+http://${tfc.host}/${ORGANIZATION}`;

  it('refused credentials', async () => {
    expect(await failure(tfcUrl(), { [tokenVariable(tfc.host)]: 'wrong' })).toBe(
      `source.denied: ${tfcUrl()}: listing the workspaces: the token was refused (HTTP 401)`,
    );
    expect(await failure(tfcUrl(), { [tokenVariable(tfc.host)]: '' })).toMatch(
      /^source.denied: .*no API token for 127\.0\.0\.1:\d+: set TF_TOKEN_127_0_0_1_\d+/,
    );
    gcs.faults.add('list', { status: 403, times: 1 });
    expect(await failure(`gs://${BUCKET}`)).toBe(
      `source.denied: gs://${BUCKET}: listing the bucket: access denied (HTTP 403)`,
    );
  });

  it('throttling is retried with backoff, and reported when it does not stop', async () => {
    tfc.faults.add('list', { status: 429, times: 2, retryAfter: '0' });
    gcs.faults.add('read', { status: 429, times: 2 });
    expect((await ingestOnce(tfcUrl())).ok).toBe(true);
    expect((await ingestOnce(`gs://${BUCKET}`)).ok).toBe(true);
    tfc.faults.add('current', { status: 429, times: 10, retryAfter: '0' });
    expect(await failure(tfcUrl())).toMatch(/^source.throttled: .*still throttled after 3 tries/);
    tfc.faults.clear();
  });

  it('a partial listing, an unreachable endpoint, a missing bucket', async () => {
    tfc.lieAboutTotal = true;
    expect(await failure(tfcUrl())).toMatch(/^source.partial: .*listing the workspaces: 2 of 3 came back/);
    tfc.lieAboutTotal = false;
    const closed = await freePort();
    expect(await failure(`s3://${BUCKET}`, { AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${closed}` })).toMatch(
      new RegExp(
        `^source.unreachable: s3://${BUCKET}: listing the bucket: the endpoint did not answer \\(ECONNREFUSED\\)`,
      ),
    );
    expect(await failure('s3://no-such-bucket')).toMatch(
      /^source.not-found: s3:\/\/no-such-bucket: listing the bucket: no such bucket/,
    );
  });

  it('a failed poll keeps what the source knew, and the next good one carries on', async () => {
    const opened = await openEstate(`gs://${BUCKET}`, { env, retry: FAST_RETRY });
    if (!opened.ok) throw new Error('cannot open');
    const first = built(await opened.ingest.ingest());
    gcs.faults.add('list', { status: 503, times: 5 });
    const failed = await opened.ingest.ingest();
    expect(failed.ok).toBe(false);
    expect(opened.ingest.sources()[0]).toMatchObject({
      name: `gs://${BUCKET}`,
      kind: 'gcs',
      workspaces: fixtureObjects().objects.size,
    });
    expect(opened.ingest.sources()[0]?.lastError).toMatch(/still throttled/);
    const again = await opened.ingest.ingest();
    expect(again.ok && [again.changed, again.built]).toEqual([false, first]);
    expect(opened.ingest.sources()[0]?.lastError).toBeUndefined();
  });

  it('source errors are SourceErrors with a failure kind', () => {
    expect(new SourceError('s3://b', 'denied', 'x').message).toBe('s3://b: x');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      server.close(() => resolve(port));
    });
  });
}
