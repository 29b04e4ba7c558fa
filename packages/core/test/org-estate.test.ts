import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltGraph } from '../src/graph/build-graph.js';
import { snapshotLines } from '../src/graph/snapshot.js';
import { analysePlans } from '../src/impact/analyse-plan.js';
import { breaches } from '../src/impact/build-result.js';
import type { ImpactResult } from '../src/impact/result-types.js';
import { readTerraformJson } from '../src/ingest/read-terraform-json.js';
import { loadEstate } from '../src/node/load-estate.js';
import { evaluateRules } from '../src/rules/evaluate-rules.js';

// fixtures/org: one platform module in three accounts and two regions (fixtures/org/README.md).
const ORG = join(import.meta.dirname, '../../../fixtures/org');
const EXPECTED = join(ORG, 'expected');
const NOW = new Date('2026-12-02T00:00:00Z');
const UPDATE = process.env.IMPACT_UPDATE_EXPECTED === '1';
const canaries = readFileSync(join(ORG, 'canaries.txt'), 'utf8').split('\n').filter(Boolean);

let built: BuiltGraph;
beforeAll(async () => {
  const loaded = await loadEstate(ORG);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  built = loaded.built;
});

function lines(result: ImpactResult): string {
  const changes = result.changes.map((c) => `change ${c.action} ${c.workspace}::${c.address}`);
  const impacts = result.impacts.map(
    (i) =>
      `${i.severity.padEnd(13)} ${i.id} noticed=${i.noticedBy.kind}${i.noticedAt ? `@${i.noticedAt}` : ''}${i.window?.missedBy ? ` missed-by=${i.window.missedBy}` : ''}${i.confidence ? ` confidence=${i.confidence}` : ''} via=${i.path.map((s) => `${s.kind}:${s.confidence}`).join('>')}`,
  );
  const notes = result.diagnostics
    .filter((d) => d.code === 'plan.workspace-not-in-estate' || d.code === 'plan.only-creates')
    .map((d) => `note ${d.code} ${d.message}`);
  const findings = (result.findings ?? []).map((f) => `finding ${f.rule} ${f.id}`);
  const fails = `fails --fail-on breaks: ${breaches(result, 'breaks')}`;
  return `${[...changes, ...notes, ...impacts.sort(), ...findings.sort(), fails].join('\n')}\n`;
}

function expectMatches(name: string, actual: string): void {
  const file = join(EXPECTED, `${name}.txt`);
  if (UPDATE) writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`missing ${file}; run with IMPACT_UPDATE_EXPECTED=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('an estate shaped like an organisation', () => {
  it('links each name only inside its account and region', () => {
    const crossing: string[] = [];
    built.graph.forEachEdge((_e, a, s, t, sa, ta) => {
      if (sa.account && ta.account && sa.account !== ta.account)
        crossing.push(`${s} -${a.kind}(${a.confidence})-> ${t}`);
    });
    // Only the reporting account's job crosses, by prod's full ARN (prod's secret policy grants it).
    expect(crossing).toEqual([
      'shared/eu-west-1/reporting::aws_batch_job_definition.report -arn_reference(exact)-> prod/eu-west-1/platform::aws_secretsmanager_secret.db',
    ]);
    expect(built.stats.edgesByConfidence.ambiguous).toBe(4);
    expect(built.stats.unresolved).toEqual({ outside_estate: 1 });
  });

  const plans = readdirSync(join(ORG, 'plans'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  it.each(plans)('plan %s has the expected impact', (file) => {
    const doc = readTerraformJson(readFileSync(join(ORG, 'plans', file)), `plans/${file}`, []);
    if (doc.kind !== 'plan') throw new Error(`${file} is not a plan`);
    const order = built.graph.order;
    const size = built.graph.size;
    const analysis = analysePlans(built.graph, [doc.plan], { now: NOW });
    if (!analysis.ok) throw new Error(JSON.stringify(analysis.diagnostics));
    expectMatches(`plan-${file.replace(/\.json$/, '')}`, lines(analysis.result));
    for (const canary of canaries) expect(JSON.stringify(analysis.result)).not.toContain(canary);
    // A plan of a workspace the estate does not know joins the graph for its analysis only.
    expect([built.graph.order, built.graph.size]).toEqual([order, size]);
  });

  it('finds the hygiene problems in scope', () => {
    const findings = evaluateRules(built.graph, { now: NOW });
    expectMatches(
      'findings',
      `${findings.map((f) => `${f.severity.padEnd(5)} ${f.rule} ${f.id}`).join('\n')}\n`,
    );
  });

  it('keeps every value out of the snapshot', () => {
    const text = [...snapshotLines(built, 'fixtures/org')].join('\n');
    for (const canary of canaries) expect(text).not.toContain(canary);
  });
});
