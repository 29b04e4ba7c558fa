import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  analysePlans,
  breaches,
  type Diagnostic,
  type ImpactResult,
  type LoadedEstate,
  loadEstate,
  type PlanModel,
  queryImpact,
  readTerraformJson,
  renderText,
  resolveNode,
  toSnapshot,
  VERSION,
} from '@impact/core/node';
import { type CliArgs, parseCliArgs } from './args.js';
import { ExitCode, InputError, UsageError } from './exit-codes.js';
import { HELP } from './help.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
}

/** The whole CLI: argv in, exit code out. One top-level catch maps errors to exit codes. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const args = parseCliArgs(argv, io.env);
    switch (args.command) {
      case 'help':
        io.stdout(HELP);
        return ExitCode.ok;
      case 'version':
        io.stdout(`impact ${VERSION}\n`);
        return ExitCode.ok;
      case 'ingest':
        return await ingest(args, io);
      case 'query':
        return await query(args, io);
      case 'plan':
        return await plan(args, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`impact: ${error.message}\n`);
      return ExitCode.failed;
    }
    if (error instanceof InputError) {
      io.stderr(`impact: ${error.message}\n`);
      return ExitCode.failed;
    }
    io.stderr(`impact: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return ExitCode.failed;
  }
}

async function estateOf(args: CliArgs, io: Io): Promise<LoadedEstate & { ok: true }> {
  if (!args.estate) throw new UsageError('no estate: pass --estate <dir|snapshot> or set IMPACT_ESTATE');
  const started = Date.now();
  const loaded = await loadEstate(args.estate, {
    onProgress: ({ files, total }) => {
      if (!args.quiet && io.stderrIsTty && Date.now() - started > 1000)
        io.stderr(`\ringesting ${files}/${total} workspaces…`);
    },
  });
  if (!args.quiet && io.stderrIsTty && Date.now() - started > 1000) io.stderr('\n');
  if (!loaded.ok) throw new InputError(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  const errors = loaded.built.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 && !args.quiet) {
    io.stderr(
      `impact: ${errors.length} estate file(s) could not be used (run \`impact ingest ${args.estate}\` for details)\n`,
    );
  }
  return loaded;
}

async function ingest(args: CliArgs, io: Io): Promise<number> {
  const loaded = await estateOf({ ...args, estate: args.positionals[0] as string }, io);
  const { stats, diagnostics } = loaded.built;
  if (args.out) {
    await mkdir(dirname(args.out), { recursive: true });
    await writeFile(args.out, JSON.stringify(toSnapshot(loaded.built, loaded.source)));
  }
  if (args.format === 'json') {
    await emit(
      args,
      io,
      `${JSON.stringify({ stats, diagnostics, ...(args.out ? { snapshot: args.out } : {}) }, null, 2)}\n`,
    );
  } else {
    const lines = [
      `ingested ${stats.workspaces} workspaces: ${stats.resources} resource instances, ${stats.outputs} outputs`,
      `linked ${stats.edges} edges: ${Object.entries(stats.edgesByKind)
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
      `unresolved: ${
        Object.entries(stats.unresolved)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ') || 'none'
      }`,
      `diagnostics: ${stats.diagnostics.error} errors, ${stats.diagnostics.warning} warnings, ${stats.diagnostics.info} info`,
      ...diagnostics.map((d) => `  ${formatDiagnostic(d)}`),
      ...(args.out ? [`snapshot written to ${args.out}`] : []),
    ];
    await emit(args, io, `${lines.join('\n')}\n`);
  }
  return stats.workspaces === 0 ? ExitCode.failed : ExitCode.ok;
}

async function query(args: CliArgs, io: Io): Promise<number> {
  const loaded = await estateOf(args, io);
  const resolved = resolveNode(loaded.built.graph, args.positionals[0] as string);
  if (!resolved.ok) throw new InputError(resolved.reason);
  const result = queryImpact(loaded.built.graph, resolved.id, {
    action: args.action,
    now: args.now,
    limit: args.limit,
    ...(args.recoveryWindow !== undefined ? { recoveryWindowDays: args.recoveryWindow } : {}),
    ...(args.depth !== undefined ? { maxDepth: args.depth } : {}),
  });
  return report(args, io, result);
}

async function plan(args: CliArgs, io: Io): Promise<number> {
  const plans: PlanModel[] = [];
  const problems: Diagnostic[] = [];
  for (const file of args.positionals) {
    const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      problems.push({
        severity: 'error',
        code: 'file.unreadable',
        file,
        message: `cannot read plan: ${error.code ?? error.message}`,
      });
      return null;
    });
    if (!bytes) continue;
    const doc = readTerraformJson(bytes, file, problems);
    if (doc.kind === 'plan') plans.push(doc.plan);
    else if (doc.kind === 'state') {
      problems.push({
        severity: 'error',
        code: 'plan.is-state',
        file,
        message:
          'this is a state, not a plan; run `terraform show -json plan.out > plan.json` on a saved plan',
      });
    }
  }
  if (problems.some((d) => d.severity === 'error'))
    throw new InputError(problems.map(formatDiagnostic).join('\n'));
  const loaded = await estateOf(args, io);
  const analysis = analysePlans(loaded.built.graph, plans, {
    now: args.now,
    limit: args.limit,
    ...(args.workspace ? { workspace: args.workspace } : {}),
    ...(args.depth !== undefined ? { maxDepth: args.depth } : {}),
  });
  if (!analysis.ok) throw new InputError(analysis.diagnostics.map(formatDiagnostic).join('\n'));
  analysis.result.diagnostics.push(...problems);
  return report(args, io, analysis.result);
}

async function report(args: CliArgs, io: Io, result: ImpactResult): Promise<number> {
  const color = !args.output && io.stdoutIsTty && !io.env.NO_COLOR;
  const text =
    args.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderText(result, { color });
  await emit(args, io, text);
  return breaches(result, args.failOn) ? ExitCode.impacted : ExitCode.ok;
}

async function emit(args: CliArgs, io: Io, text: string): Promise<void> {
  if (args.output) {
    await mkdir(dirname(args.output), { recursive: true });
    await writeFile(args.output, text);
  } else io.stdout(text);
}

function formatDiagnostic(d: Diagnostic): string {
  return `${d.severity}: ${d.file ? `${d.file}: ` : ''}${d.message}${d.code ? ` [${d.code}]` : ''}`;
}
