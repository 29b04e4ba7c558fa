import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analysePlans,
  type EstateGraph,
  evaluateRules,
  FINDINGS_REPORTERS,
  type Finding,
  findingsResult,
  ingestHclFiles,
  loadEstate,
  RULES,
  readTerraformJson,
} from '@impact/core/node';
import { startServer } from '@impact/server';
import { isMain } from './is-main.js';
import { round } from './stats.js';

/**
 * Inputs that were quadratic (issue 18, item 5), each measured at n, 2n and 4n: an estate of SSM
 * parameters all holding `"true"` through `impact findings`, `impact plan` and `impact serve`,
 * and a findings text report of up to 100k findings. From n to 4n linear work grows four times,
 * quadratic work sixteen; on a shared two-core machine a doubling alone is too close to call
 * (collections land where they will), so the check is on the 4n ÷ n ratio.
 */
export interface WorstCaseResult {
  equalValues: EqualValuesFigure[];
  findingsReport: ReportFigure[];
  /** One `.tf` file of n resource blocks through HCL ingest (each block's line used to be a scan). */
  hclBlocks: { blocks: number; ms: number }[];
  /** `ratio` null: under a millisecond at 4n. */
  linearity: { what: string; n: number; ratio: number | null; linear: boolean }[];
}

export interface EqualValuesFigure {
  parameters: number;
  ingestMs: number;
  /** `impact findings`: the rules over the whole estate, then the text report. */
  rulesMs: number;
  textMs: number;
  findings: number;
  sharedValueFindings: number;
  /** `impact plan` deleting one parameter: the rules look at what the plan touches only. */
  planMs: number;
  /** `impact serve`: startServer until it listens, then until `/api/findings` answers. */
  serveStartMs: number;
  firstFindingsMs: number;
}

export interface ReportFigure {
  findings: number;
  textMs: number;
  jsonMs: number;
  textBytes: number;
}

/**
 * Four times n may cost at most this many times n's time to count as linear: quadratic work
 * costs 16 times; linear work 4, plus what collections on a larger heap add (measured up to ~6).
 */
export const LINEAR_RATIO = 8;
const RUNS = 7;
const NOW = new Date('2026-12-02T00:00:00Z');

function parameterState(n: number): string {
  const resources = Array.from({ length: n }, (_, i) => ({
    mode: 'managed',
    type: 'aws_ssm_parameter',
    name: `p${i}`,
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [
      {
        schema_version: 0,
        attributes: {
          arn: `arn:aws:ssm:eu-west-1:111111111111:parameter/flags/p${i}`,
          id: `/flags/p${i}`,
          name: `/flags/p${i}`,
          tier: 'Standard',
          type: 'String',
          value: 'true',
        },
        sensitive_attributes: [],
      },
    ],
  }));
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.8',
    serial: 1,
    lineage: 'bench',
    outputs: {},
    resources,
  });
}

/** `<estates>/equal-values-<n>/params/terraform.tfstate`, written once. */
function equalValuesEstate(estates: string, n: number): string {
  const dir = join(estates, `equal-values-${n}`);
  const file = join(dir, 'params', 'terraform.tfstate');
  if (!existsSync(file)) {
    mkdirSync(join(dir, 'params'), { recursive: true });
    writeFileSync(file, parameterState(n));
  }
  return dir;
}

function timeMs(run: () => void): number {
  const t = performance.now();
  run();
  return performance.now() - t;
}

/**
 * The best of {@link RUNS} runs after one that warms the code up: a young-generation collection
 * landing in one run is noise here, and what is compared is how the work grows with n.
 */
function bestMs(run: () => void): number {
  run();
  return round(Math.min(...Array.from({ length: RUNS }, () => timeMs(run))), 1);
}

function planDeletingOne(graph: EstateGraph) {
  const bytes = Buffer.from(
    JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.9.8',
      resource_changes: [
        {
          address: 'aws_ssm_parameter.p0',
          mode: 'managed',
          type: 'aws_ssm_parameter',
          name: 'p0',
          change: { actions: ['delete'], before: { name: '/flags/p0', value: 'true' }, after: null },
        },
      ],
    }),
  );
  const doc = readTerraformJson(bytes, 'plan.json', []);
  if (doc.kind !== 'plan') throw new Error('the benchmark plan did not read as a plan');
  return () => {
    const analysis = analysePlans(graph, [doc.plan], { now: NOW, workspace: 'params' });
    if (!analysis.ok) throw new Error('the benchmark plan was refused');
  };
}

async function equalValues(estates: string, n: number): Promise<EqualValuesFigure> {
  const dir = equalValuesEstate(estates, n);
  let t = performance.now();
  const loaded = await loadEstate(dir);
  const ingestMs = round(performance.now() - t, 1);
  if (!loaded.ok) throw new Error(`cannot load ${dir}`);
  const { graph } = loaded.built;
  let findings: Finding[] = [];
  const rulesMs = bestMs(() => {
    findings = evaluateRules(graph, { now: NOW });
  });
  const result = findingsResult(findings, NOW);
  const textMs = bestMs(() => FINDINGS_REPORTERS.text(result, {}));
  const planMs = bestMs(planDeletingOne(graph));
  t = performance.now();
  const server = await startServer({ estate: dir, port: 0, webRoot: null, logger: false });
  const serveStartMs = round(performance.now() - t, 1);
  t = performance.now();
  const answer = await fetch(`${server.url}/api/findings?limit=1`);
  const firstFindingsMs = round(performance.now() - t, 1);
  await server.close();
  if (answer.status !== 200) throw new Error(`/api/findings answered ${answer.status}`);
  return {
    parameters: n,
    ingestMs,
    rulesMs,
    textMs,
    findings: findings.length,
    sharedValueFindings: findings.filter((f) => f.rule === 'shared-value').length,
    planMs,
    serveStartMs,
    firstFindingsMs,
  };
}

function syntheticFindings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) => {
    const rule = RULES[i % RULES.length]?.id ?? 'no-cmk';
    return {
      rule,
      severity: 'warn',
      id: `bench/w${i % 100}::aws_ssm_parameter.p${i}`,
      workspace: `bench/w${i % 100}`,
      address: `aws_ssm_parameter.p${i}`,
      message: `aws_ssm_parameter.p${i} keeps value in state in clear; use value_wo with value_wo_version and an ephemeral variable`,
      evidence: ['value'],
    };
  });
}

function findingsReport(n: number): ReportFigure {
  const result = findingsResult(syntheticFindings(n), NOW);
  let text = '';
  const textMs = bestMs(() => {
    text = FINDINGS_REPORTERS.text(result, {});
  });
  const jsonMs = bestMs(() => FINDINGS_REPORTERS.json(result));
  return { findings: n, textMs, jsonMs, textBytes: Buffer.byteLength(text) };
}

async function hclFile(blocks: number): Promise<{ blocks: number; ms: number }> {
  const text = Array.from(
    { length: blocks },
    (_, i) =>
      `resource "aws_ssm_parameter" "p${i}" {\n  name  = "/flags/p${i}"\n  type  = "String"\n  value = "true"\n}\n`,
  ).join('');
  const t = performance.now();
  const model = await ingestHclFiles('cfg', [{ path: `cfg/main-${blocks}.tf`, text }], []);
  const ms = round(performance.now() - t, 1);
  if (model.blocks.length !== blocks) throw new Error(`${model.blocks.length} of ${blocks} HCL blocks read`);
  return { blocks, ms };
}

export async function runWorstCase(estates: string): Promise<WorstCaseResult> {
  mkdirSync(estates, { recursive: true });
  const equal: EqualValuesFigure[] = [];
  for (const n of [10_000, 20_000, 40_000]) {
    process.stderr.write(`worst case: ${n} parameters holding one value…\n`);
    equal.push(await equalValues(estates, n));
  }
  const reports: ReportFigure[] = [];
  for (const n of [25_000, 50_000, 100_000]) {
    process.stderr.write(`worst case: a findings text report of ${n} findings…\n`);
    reports.push(findingsReport(n));
  }
  process.stderr.write('worst case: HCL files of many blocks…\n');
  await hclFile(10); // hcl2json's WASM runtime starts here, not in the first measurement
  const hclBlocks: WorstCaseResult['hclBlocks'] = [];
  for (const n of [5_000, 10_000, 20_000]) hclBlocks.push(await hclFile(n));
  const linearity: WorstCaseResult['linearity'] = [];
  const ratio = (what: string, n: number, a: number, b: number) => {
    // Below a millisecond at 4n there is nothing to compare: it does not grow with the estate.
    const r = b < 1 ? null : round(b / Math.max(a, 0.1), 2);
    linearity.push({ what, n, ratio: r, linear: r === null || r <= LINEAR_RATIO });
  };

  const small = equal[0] as EqualValuesFigure;
  const big = equal.at(-1) as EqualValuesFigure;
  for (const key of ['ingestMs', 'rulesMs', 'textMs', 'planMs', 'serveStartMs'] as const)
    ratio(`equal values: ${key.replace(/Ms$/, '')}`, big.parameters, small[key], big[key]);
  const few = reports[0] as ReportFigure;
  const many = reports.at(-1) as ReportFigure;
  ratio('findings text report', many.findings, few.textMs, many.textMs);
  const first = hclBlocks[0] as { blocks: number; ms: number };
  const last = hclBlocks.at(-1) as { blocks: number; ms: number };
  ratio('HCL blocks in one file', last.blocks, first.ms, last.ms);
  return { equalValues: equal, findingsReport: reports, hclBlocks, linearity };
}

export function worstCaseLines(w: WorstCaseResult): string[] {
  const lines = [
    '',
    `| parameters holding "true" | ingest ms | findings: rules ms (best of ${RUNS}) | text ms (best of ${RUNS}) | findings (shared-value) | plan ms (best of ${RUNS}) | serve start ms | first /api/findings ms |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const e of w.equalValues)
    lines.push(
      `| ${e.parameters} | ${e.ingestMs} | ${e.rulesMs} | ${e.textMs} | ${e.findings} (${e.sharedValueFindings}) | ${e.planMs} | ${e.serveStartMs} | ${e.firstFindingsMs} |`,
    );
  lines.push(
    '',
    `| findings in a report | text ms (best of ${RUNS}) | json ms (best of ${RUNS}) | text bytes |`,
    '|---|---|---|---|',
  );
  for (const r of w.findingsReport)
    lines.push(`| ${r.findings} | ${r.textMs} | ${r.jsonMs} | ${r.textBytes} |`);
  lines.push('', '| resource blocks in one .tf file | HCL ingest ms |', '|---|---|');
  for (const h of w.hclBlocks) lines.push(`| ${h.blocks} | ${h.ms} |`);
  lines.push(
    '',
    `| linearity: time at 4n ÷ time at n (linear ≈ 4, quadratic ≈ 16; ≤ ${LINEAR_RATIO}) | 4n | ratio | linear |`,
    '|---|---|---|---|',
  );
  for (const l of w.linearity)
    lines.push(`| ${l.what} | ${l.n} | ${l.ratio ?? 'under 1 ms'} | ${l.linear ? 'yes' : 'NO'} |`);
  return lines;
}

if (isMain(import.meta.url)) {
  const estates = process.argv[2];
  if (!estates) throw new Error('usage: worst-case.js <estates dir>');
  runWorstCase(estates).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
