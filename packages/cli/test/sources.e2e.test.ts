import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3RVER_ENV, startS3 } from '../../sources/test/fakes/s3-emulator.js';
import { BUCKET, fixtureObjects } from '../../sources/test/fixture-estate.js';
import { ROOT, runCli } from './run-cli.js';

let s3: Awaited<ReturnType<typeof startS3>>;
const TREE = join(ROOT, 'fixtures/terragrunt');
const TG_BUCKET = 'prod-tg-tfstate-eu-west-1';
const dirs: string[] = [];

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket(BUCKET);
  for (const [key, bytes] of fixtureObjects().objects) await s3.put(BUCKET, key, bytes);
  // The Terragrunt fixture's bucket, as its mirror holds it.
  await s3.createBucket(TG_BUCKET);
  for (const file of readdirSync(join(TREE, TG_BUCKET), { recursive: true }).map(String))
    if (file.endsWith('.tfstate')) await s3.put(TG_BUCKET, file, readFileSync(join(TREE, TG_BUCKET, file)));
}, 60_000);

afterAll(async () => {
  await s3?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Remote-state readers of the bucket's states in the bucket: orders-api, orders-worker, ledger-export, warehouse. */
const MIRROR_READERS = 4;

describe('impact over a bucket', () => {
  it('ingests s3://bucket with the standard credential chain and a custom endpoint', async () => {
    const run = await runCli(['ingest', `s3://${BUCKET}`, '--format', 'json'], {
      ...S3RVER_ENV,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
    });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const { stats } = JSON.parse(run.stdout);
    expect(stats.workspaces).toBe(fixtureObjects().objects.size);
    // Every reader of a state in the bucket resolves (as in the directory); the one left reads a state that is not there.
    expect(stats.edgesByKind.remote_state).toBe(MIRROR_READERS);
  });

  it('exits 2 naming the source and the reason when it cannot be read', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const a = probe.address();
        probe.close(() => resolve(typeof a === 'object' && a ? a.port : 1));
      });
    });
    const run = await runCli(['query', 'prod/orders/db', '--estate', `s3://${BUCKET}`], {
      ...S3RVER_ENV,
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `error: s3://${BUCKET}: listing the bucket: the endpoint did not answer (ECONNREFUSED) [source.unreachable]`,
    );
    const denied = await runCli(['findings', '--estate', 'tfc://acme'], { HOME: '/nonexistent' });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain('no API token for app.terraform.io: set TF_TOKEN_app_terraform_io');
  });

  it('a directory named like the bucket is its mirror: s3 readers resolve by key, with no manifest', async () => {
    const run = await runCli(['ingest', 'fixtures/estate/acme-tfstate', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).stats.edgesByKind.remote_state).toBe(MIRROR_READERS);
    const named = await runCli([
      'ingest',
      'fixtures/estate/acme-tfstate',
      '--format',
      'json',
      '--bucket',
      'other',
    ]);
    expect(JSON.parse(named.stdout).stats.edgesByKind.remote_state).toBeUndefined();
  });

  it('a Terragrunt tree whose impact.yaml names only its bucket reads each unit state from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-tg-cli-'));
    dirs.push(dir);
    cpSync(TREE, dir, { recursive: true, filter: (src) => relative(TREE, src) !== TG_BUCKET });
    writeFileSync(join(dir, 'impact.yaml'), `sources:\n  - url: s3://${TG_BUCKET}\n`);
    const run = await runCli(['ingest', dir, '--format', 'json'], {
      ...S3RVER_ENV,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
    });
    expect([run.code, run.stderr]).toEqual([0, '']);
    const mirrored = await runCli(['ingest', 'fixtures/terragrunt', '--format', 'json']);
    const stats = JSON.parse(run.stdout).stats;
    expect(stats).toEqual(JSON.parse(mirrored.stdout).stats);
    expect(stats.workspaces).toBe(5);
    expect(stats.edgesByKind.remote_state).toBe(4);
  });
});
