import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltGraph } from '../src/graph/build-graph.js';
import { toSnapshot } from '../src/graph/snapshot.js';
import { analysePlans } from '../src/impact/analyse-plan.js';
import { queryImpact } from '../src/impact/query-impact.js';
import { readTerraformJson } from '../src/ingest/read-terraform-json.js';
import type { PlanModel } from '../src/model/workspace.js';
import { loadEstate } from '../src/node/load-estate.js';
import { expectMatches, impactLines } from './expected-lines.js';

const REPO = join(import.meta.dirname, '../../..');
const ESTATE = join(REPO, 'fixtures/terragrunt');
const EXPECTED = join(ESTATE, 'expected');
const NOW = new Date('2026-12-02T00:00:00Z');
const canaries = readFileSync(join(ESTATE, 'canaries.txt'), 'utf8').split('\n').filter(Boolean);

let built: BuiltGraph;
beforeAll(async () => {
  // No manifest: the tree and the mirror of its state bucket are all there is.
  const loaded = await loadEstate(ESTATE);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  built = loaded.built;
});

function plan(unit: string): PlanModel {
  // As the CLI names it: the path it was given (here, relative to the repository).
  const file = relative(REPO, join(ESTATE, 'plans/run-all', unit, 'tfplan.json'));
  const doc = readTerraformJson(readFileSync(join(REPO, file)), file, []);
  if (doc.kind !== 'plan') throw new Error(`${file} is not a plan`);
  return doc.plan;
}

describe('a Terragrunt tree with a mirror of its state bucket, and no manifest', () => {
  it('makes each unit a workspace named by its path, with its state, its Terraform and its dependencies', () => {
    const g = built.graph;
    const workspaces = g.filterNodes((_id, a) => a.kind === 'workspace').sort();
    expect(workspaces).toEqual([
      'prod/eu-west-1/app',
      'prod/eu-west-1/db',
      'prod/eu-west-1/network',
      'prod/eu-west-1/secrets',
      'prod/eu-west-1/worker',
    ]);
    expect(g.getNodeAttributes('prod/eu-west-1/db')).toMatchObject({
      backend: 's3://prod-tg-tfstate-eu-west-1/prod/eu-west-1/db/terraform.tfstate',
      stateFile: 'prod-tg-tfstate-eu-west-1/prod/eu-west-1/db/terraform.tfstate',
      configDir: 'modules/db',
    });
    // The network and the worker run Terraform from elsewhere (the registry, git): state only.
    expect(g.getNodeAttribute('prod/eu-west-1/worker', 'configDir')).toBeUndefined();
    const dependencies = g
      .filterEdges((_e, a) => a.kind === 'remote_state')
      .map((e) => `${g.source(e)} -> ${g.target(e)}`)
      .sort();
    expect(dependencies).toEqual([
      'prod/eu-west-1/app::dependency.db -> prod/eu-west-1/db',
      'prod/eu-west-1/db::dependency.network -> prod/eu-west-1/network',
      'prod/eu-west-1/db::dependency.secrets -> prod/eu-west-1/secrets',
      'prod/eu-west-1/worker::dependency.secrets -> prod/eu-west-1/secrets',
    ]);
    expect(built.stats.consumers).toEqual({ ephemeral: 2, write_only: 2, terragrunt_dependency: 4 });
    expect(built.stats.unresolved).toEqual({});
    expect(built.diagnostics).toEqual([]);
  });

  it('breaks what reads a deleted secret two dependencies away', () => {
    const result = queryImpact(built.graph, 'prod/eu-west-1/secrets::aws_secretsmanager_secret.db', {
      action: 'delete',
      now: NOW,
    });
    expectMatches(EXPECTED, 'query-delete-db-secret', impactLines(result));
    expect(JSON.stringify(result)).not.toContain(canaries[0]);
  });

  it('maps each plan of a run-all to its unit by its path, and breaks the unit whose dependency output it removes', () => {
    const analysis = analysePlans(built.graph, [plan('prod/eu-west-1/secrets'), plan('prod/eu-west-1/app')], {
      now: NOW,
    });
    if (!analysis.ok) throw new Error(JSON.stringify(analysis.diagnostics));
    expect(
      analysis.result.diagnostics
        .filter((d) => d.code === 'plan.workspace-from-path')
        .map((d) => d.workspace),
    ).toEqual(['prod/eu-west-1/secrets', 'prod/eu-west-1/app']);
    expectMatches(EXPECTED, 'plan-run-all', impactLines(analysis.result));
    for (const canary of canaries) expect(JSON.stringify(analysis.result)).not.toContain(canary);
  });

  it('keeps no secret value in its snapshot', () => {
    const text = JSON.stringify(toSnapshot(built, 'fixtures/terragrunt'));
    for (const canary of canaries) expect(text).not.toContain(canary);
  });
});
