import { type BuiltGraph, buildGraph } from '../src/graph/build-graph.js';
import { ingestHclFiles } from '../src/ingest/ingest-hcl.js';
import { ingestLocalModules } from '../src/ingest/ingest-local-modules.js';
import { readTerraformJson } from '../src/ingest/read-terraform-json.js';
import type { Diagnostic } from '../src/model/diagnostic.js';
import type { WorkspaceModel } from '../src/model/estate.js';
import type { TerragruntUnit } from '../src/model/terragrunt.js';

/** A resource as a test writes it; it becomes real state v4 JSON and goes through real ingest. */
export interface TestResource {
  address: string;
  attributes: Record<string, unknown>;
  dependencies?: string[];
  sensitive?: string[];
  /** The provider address the state records (default: the AWS provider). */
  provider?: string;
}

export interface TestWorkspace {
  name: string;
  backend?: string;
  resources: TestResource[];
  outputs?: Record<string, { value: unknown; sensitive?: boolean }>;
  hcl?: Record<string, string>;
  /** Local modules' files, by directory relative to the configuration (`modules/app` → file → text). */
  modules?: Record<string, Record<string, string>>;
  /** The workspace is this Terragrunt unit. */
  terragrunt?: TerragruntUnit;
  /** The manifest's `account:` and `region:`. */
  account?: string;
  region?: string;
}

export function stateJson(ws: TestWorkspace): string {
  const resources = ws.resources.map((r) => {
    const module = /^((?:module\.[^.]+\.)*)/.exec(r.address)?.[1] ?? '';
    const local = r.address.slice(module.length);
    const data = local.startsWith('data.');
    const [type, name] = (data ? local.slice(5) : local).split('.');
    return {
      ...(module ? { module: module.slice(0, -1) } : {}),
      mode: data ? 'data' : 'managed',
      type,
      name,
      provider: r.provider ?? 'provider["registry.terraform.io/hashicorp/aws"]',
      instances: [
        {
          schema_version: 0,
          attributes: r.attributes,
          sensitive_attributes: (r.sensitive ?? []).map((a) => [{ type: 'get_attr', value: a }]),
          dependencies: r.dependencies ?? [],
        },
      ],
    };
  });
  return JSON.stringify({
    version: 4,
    terraform_version: '1.9.8',
    serial: 1,
    lineage: 'x',
    outputs: ws.outputs ?? {},
    resources,
  });
}

export async function makeEstate(workspaces: TestWorkspace[]): Promise<BuiltGraph> {
  const diagnostics: Diagnostic[] = [];
  const models: WorkspaceModel[] = [];
  for (const ws of workspaces) {
    const file = `${ws.name}.tfstate`;
    const doc = readTerraformJson(new TextEncoder().encode(stateJson(ws)), file, diagnostics);
    if (doc.kind !== 'state') throw new Error(`test state for ${ws.name} did not ingest`);
    const config = ws.hcl
      ? await ingestHclFiles(
          ws.name,
          Object.entries(ws.hcl).map(([path, text]) => ({ path: `${ws.name}/${path}`, text })),
          diagnostics,
        )
      : null;
    if (config) {
      const modules = ws.modules ?? {};
      await ingestLocalModules(
        config,
        async (dir) => {
          const files = modules[dir.slice(ws.name.length + 1)];
          return Object.entries(files ?? {}).map(([path, text]) => ({ path: `${dir}/${path}`, text }));
        },
        diagnostics,
      );
    }
    models.push({
      name: ws.name,
      backend: ws.backend ?? `local://${file}`,
      stateFile: file,
      state: doc.state,
      config,
      ...(ws.hcl ? { configDir: ws.name } : {}),
      ...(ws.terragrunt ? { terragrunt: ws.terragrunt } : {}),
      ...(ws.account ? { account: ws.account } : {}),
      ...(ws.region ? { region: ws.region } : {}),
    });
  }
  return buildGraph({ source: 'test', workspaces: models, diagnostics, ingestedAt: '2026-01-01T00:00:00Z' });
}

/** Edges as sorted, diff-readable lines: `from -kind(confidence)-> to`. */
export function edgeLines(built: BuiltGraph, filter?: (line: string) => boolean): string[] {
  const lines: string[] = [];
  built.graph.forEachEdge((_k, a, s, t) => {
    lines.push(`${s} -${a.kind}(${a.confidence})-> ${t}`);
  });
  return lines.filter(filter ?? (() => true)).sort();
}

export const ACCOUNT = '111111111111';
export const SECRET_ARN = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/orders/db-AbC123`;
