import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type BuiltGraph, loadEstate, snapshotLines } from '@impact/core/node';
import { parseDocument } from 'yaml';

export const FIXTURE = new URL('../../../fixtures/estate', import.meta.url).pathname;
export const BUCKET = 'acme-tfstate';
export const ORGANIZATION = 'acme';

/** The fixture's states as a bucket holds them (key → bytes), and its HCP Terraform workspace. */
export function fixtureObjects(): { objects: Map<string, Buffer>; tfc: Map<string, Buffer> } {
  const objects = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.tfstate'))
        objects.set(relative(join(FIXTURE, BUCKET), full), readFileSync(full));
    }
  };
  walk(join(FIXTURE, BUCKET));
  const tfc = new Map([
    ['data-reporting', readFileSync(join(FIXTURE, 'tfc/acme/data-reporting/terraform.tfstate'))],
  ]);
  return { objects, tfc };
}

interface FixtureEntry {
  name: string;
  state: string;
  config?: string;
  backend?: Record<string, unknown>;
  account?: string;
  region?: string;
}

/**
 * An estate directory whose `impact.yaml` reads the fixture's states from `bucketUrl` and its
 * HCP Terraform workspace from `tfcUrl`, naming each state as the fixture's manifest does, with
 * the same configurations (copied). `withBackends` repeats the fixture's backends: needed when
 * the bucket is not S3 (its readers read S3).
 */
export function sourcesEstate(bucketUrl: string, tfcUrl: string, withBackends: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'impact-sources-estate-'));
  cpSync(join(FIXTURE, 'configs'), join(dir, 'configs'), { recursive: true });
  const manifest = parseDocument(readFileSync(join(FIXTURE, 'impact.yaml'), 'utf8')).toJSON() as {
    workspaces: FixtureEntry[];
  };
  const bucket: Record<string, unknown>[] = [];
  const tfc: Record<string, unknown>[] = [];
  for (const w of manifest.workspaces) {
    const item: Record<string, unknown> = { name: w.name };
    if (w.config) item.config = w.config;
    if (w.account) item.account = w.account;
    if (w.region) item.region = w.region;
    if (w.state.startsWith(`${BUCKET}/`)) {
      item.key = w.state.slice(BUCKET.length + 1);
      if (withBackends && w.backend) item.backend = w.backend;
      bucket.push(item);
    } else {
      item.key = w.state.split('/')[2];
      tfc.push(item);
    }
  }
  const yaml = [
    'sources:',
    `  - url: ${bucketUrl}`,
    `    workspaces: ${JSON.stringify(bucket)}`,
    `  - url: ${tfcUrl}`,
    `    workspaces: ${JSON.stringify(tfc)}`,
  ].join('\n');
  writeFileSync(join(dir, 'impact.yaml'), `${yaml}\n`);
  return dir;
}

/**
 * The graph as sorted snapshot lines, the header without its source and time: what "the same
 * graph" means across sources, whose listings come in another order than the fixture's manifest.
 */
export function graphLines(built: BuiltGraph, rewrite: (line: string) => string = (l) => l): string[] {
  const [header, ...rest] = [...snapshotLines(built, 'estate', new Date(0))];
  const h = JSON.parse(header as string) as { stats: unknown; diagnostics: { message: string }[] };
  return [
    stableJson(h.stats),
    ...h.diagnostics.map((d) => rewrite(JSON.stringify(d))).sort(),
    ...rest.map(rewrite).sort(),
  ];
}

export async function directoryGraph(): Promise<BuiltGraph> {
  const loaded = await loadEstate(FIXTURE);
  if (!loaded.ok) throw new Error('the fixture estate does not load');
  return loaded.built;
}

/** JSON with object keys sorted: counts by kind come in the order edges were added. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
