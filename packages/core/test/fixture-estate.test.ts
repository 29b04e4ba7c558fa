import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltGraph } from '../src/graph/build-graph.js';
import { fromSnapshotLines, snapshotLines } from '../src/graph/snapshot.js';
import { analysePlans } from '../src/impact/analyse-plan.js';
import { queryImpact } from '../src/impact/query-impact.js';
import { readTerraformJson } from '../src/ingest/read-terraform-json.js';
import { loadEstate } from '../src/node/load-estate.js';
import { evaluateRules } from '../src/rules/evaluate-rules.js';
import { RULES } from '../src/rules/registry.js';
import { expectMatches as expectFile, impactLines } from './expected-lines.js';

const ROOT = join(import.meta.dirname, '../../../fixtures');
const ESTATE = join(ROOT, 'estate');
const EXPECTED = join(ESTATE, 'expected');
const NOW = new Date('2026-12-02T00:00:00Z');
const canaries = readFileSync(join(ESTATE, 'canaries.txt'), 'utf8').split('\n').filter(Boolean);

let built: BuiltGraph;
beforeAll(async () => {
  const loaded = await loadEstate(ESTATE);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  built = loaded.built;
});

const expectMatches = (name: string, actual: string) => expectFile(EXPECTED, name, actual);

describe('the fixture estate', () => {
  it('ingests every workspace and reports what it could not link', () => {
    expect(built.stats.workspaces).toBe(11);
    expect(built.stats.diagnostics.error).toBe(0);
    expect(built.stats.unresolved).toEqual({ remote_state: 1, secret_reference: 1 });
    expect(built.diagnostics.map((d) => `${d.code} ${d.workspace}`)).toEqual([
      'config.module-not-on-disk data/warehouse',
      'link.unresolved-remote-state apps/partner-sync',
    ]);
    // Consumers only configuration shows: a provider that logs in with a secret, the ephemeral
    // read of it, the write-only password it sets, two module calls passed its ARN, and the
    // ExternalSecret and SecretProviderClass of k8s/orders.
    expect(built.stats.consumers).toEqual({
      provider: 1,
      ephemeral: 1,
      write_only: 1,
      module_input: 2,
      kubernetes: 2,
    });
    // remote_state readers resolve through s3, s3 with workspace_key_prefix, and remote backends
    const resolved = built.graph
      .filterEdges((_e, a) => a.kind === 'remote_state')
      .map((e) => `${built.graph.source(e)} -> ${built.graph.target(e)}`)
      .sort();
    expect(resolved).toEqual([
      'apps/orders-api::data.terraform_remote_state.platform -> platform/secrets',
      'apps/orders-worker::data.terraform_remote_state.orders_api -> apps/orders-api',
      'apps/partner-sync::data.terraform_remote_state.reporting -> data/reporting',
      'batch/ledger-export::data.terraform_remote_state.platform -> platform/secrets',
      'data/reporting::data.terraform_remote_state.platform -> platform/secrets',
      'data/warehouse::data.terraform_remote_state.platform -> platform/secrets',
    ]);
  });

  const plans = readdirSync(join(ESTATE, 'plans'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  it.each(plans)('plan %s has the expected impact', (file) => {
    const doc = readTerraformJson(readFileSync(join(ESTATE, 'plans', file)), file, []);
    if (doc.kind !== 'plan') throw new Error(`${file} is not a plan`);
    const analysis = analysePlans(built.graph, [doc.plan], { now: NOW });
    if (!analysis.ok) throw new Error(JSON.stringify(analysis.diagnostics));
    expectMatches(`plan-${file.replace(/\.json$/, '')}`, impactLines(analysis.result));
    const json = JSON.stringify(analysis.result);
    for (const canary of canaries) expect(json).not.toContain(canary);
  });

  it('gives a name-reuse finding to the plan that causes it, among several', () => {
    const read = (f: string) => {
      const doc = readTerraformJson(readFileSync(join(ESTATE, 'plans', f)), f, []);
      if (doc.kind !== 'plan') throw new Error(`${f} is not a plan`);
      return doc.plan;
    };
    const analysis = analysePlans(
      built.graph,
      [read('network-harmless.json'), read('recreate-same-name.json')],
      {
        now: NOW,
      },
    );
    if (!analysis.ok) throw new Error(JSON.stringify(analysis.diagnostics));
    const reuse = analysis.result.findings?.filter((f) => f.rule === 'name-reuse-blocked');
    expect(reuse?.map((f) => f.id)).toEqual(['platform/secrets::aws_secretsmanager_secret.ledger_token_v2']);
  });

  it('gives every secret a blast radius without a canary', () => {
    const secrets = built.graph.filterNodes((_id, a) => a.secret !== undefined);
    expect(secrets.length).toBeGreaterThan(8);
    for (const id of secrets) {
      for (const action of ['delete', 'replace'] as const) {
        const json = JSON.stringify(queryImpact(built.graph, id, { action, now: NOW }));
        for (const canary of canaries) expect(json).not.toContain(canary);
      }
    }
  });

  it('writes a snapshot without a canary, from which the same graph loads', async () => {
    const lines = [...snapshotLines(built, 'fixtures/estate')];
    const text = lines.join('\n');
    for (const canary of canaries) expect(text).not.toContain(canary);
    expect(lines).toHaveLength(1 + built.graph.order + built.graph.size);
    const loaded = await fromSnapshotLines(lines, 'estate.snapshot');
    if (!loaded.ok) throw new Error(loaded.diagnostic.message);
    expect(loaded.built.graph.nodes().sort()).toEqual(built.graph.nodes().sort());
    expect(loaded.built.graph.edges().sort()).toEqual(built.graph.edges().sort());
    expect(loaded.built.stats).toEqual(built.stats);
  });

  it('refuses a damaged snapshot with the line that is wrong', async () => {
    const lines = [...snapshotLines(built, 'fixtures/estate')];
    const cut = [...lines.slice(0, 5), (lines[5] as string).slice(0, 10)];
    const loaded = await fromSnapshotLines(cut, 'estate.snapshot');
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.diagnostic).toMatchObject({
      file: 'estate.snapshot',
      code: 'snapshot.invalid',
    });
    expect(!loaded.ok && loaded.diagnostic.message).toContain('line 6');
  });

  it('finds every hygiene problem the estate was built with', () => {
    const findings = evaluateRules(built.graph, { now: NOW });
    expectMatches(
      'findings',
      `${findings.map((f) => `${f.severity.padEnd(5)} ${f.rule} ${f.id}`).join('\n')}\n`,
    );
    for (const canary of canaries) expect(JSON.stringify(findings)).not.toContain(canary);
    // Every rule has a true positive in the estate; name-reuse-blocked needs a plan (recreate-same-name).
    const fired = new Set(findings.map((f) => f.rule));
    expect(RULES.map((r) => r.id).filter((id) => !fired.has(id))).toEqual(['name-reuse-blocked']);
  });
});

describe('an estate without a manifest', () => {
  it('names workspaces by path and resolves a local remote state', async () => {
    const loaded = await loadEstate(join(ROOT, 'no-manifest'));
    if (!loaded.ok) throw new Error('did not load');
    const g = loaded.built.graph;
    expect(g.filterNodes((_id, a) => a.kind === 'workspace').sort()).toEqual(['app-api', 'platform/secrets']);
    expect(g.filterEdges((_e, a) => a.kind === 'remote_state').map((e) => g.target(e))).toEqual([
      'platform/secrets',
    ]);
    expect(loaded.built.stats.unresolved).toEqual({});
  });
});

describe('bad input', () => {
  it('is reported file by file with a reason, and the good files still ingest', async () => {
    const loaded = await loadEstate(join(ROOT, 'bad'));
    if (!loaded.ok) throw new Error('did not load');
    const byFile = Object.fromEntries(
      loaded.built.diagnostics.map((d) => [d.file, `${d.severity} ${d.code}`]),
    );
    expect(byFile).toEqual({
      'badhcl/main.tf': 'error hcl.syntax',
      'empty/terraform.tfstate': 'error file.empty',
      'future/terraform.tfstate': 'error state.unsupported-version',
      'notjson/terraform.tfstate': 'error file.not-json',
      'truncated/terraform.tfstate': 'error file.not-json',
      'v3/terraform.tfstate': 'info state.legacy-v3',
    });
    const truncated = loaded.built.diagnostics.find((d) => d.file === 'truncated/terraform.tfstate');
    expect(truncated?.message).toContain('looks truncated');
    // ok, bom, utf16, v3 and badhcl's state ingest
    const ingested = loaded.built.graph.filterNodes(
      (_id, a) => a.kind === 'workspace' && loaded.built.graph.outDegree(_id) >= 0,
    );
    expect(ingested.sort()).toEqual([
      'badhcl',
      'bom',
      'empty',
      'future',
      'notjson',
      'ok',
      'truncated',
      'utf16',
      'v3',
    ]);
    const withResources = new Set(
      loaded.built.graph.filterNodes((_id, a) => a.kind === 'resource').map((id) => id.split('::')[0]),
    );
    expect([...withResources].sort()).toEqual(['badhcl', 'bom', 'ok', 'utf16', 'v3']);
  });
});
