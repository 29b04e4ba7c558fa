import { CONSUMER_KIND_LABELS, type ConsumerKind } from '@impact/core';
import { writeSnapshot } from '@impact/core/node';
import type { CliArgs } from '../args.js';
import { emit } from '../emit.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import type { Io } from '../io.js';
import { isRemoteEstate } from '../is-remote-estate.js';
import { localEstate } from '../local-estate.js';
import { writeFile } from '../write-file.js';

/** Strongest first, as the summary lists them. */
const CONFIDENCE_ORDER = [
  'reference',
  'exact',
  'arn_without_suffix',
  'name',
  'wildcard',
  'ambiguous',
  'guess',
];

/** `impact ingest <dir> [--out snapshot.json]`: what was ingested, linked and left unresolved. */
export async function ingestCommand(args: CliArgs, io: Io): Promise<number> {
  const dir = args.positionals[0] as string;
  if (isRemoteEstate(dir)) throw new UsageError('ingest reads a directory; a server ingests by itself');
  const loaded = await localEstate(dir, args, io);
  const { stats, diagnostics } = loaded.built;
  if (args.out) {
    // The directory first, in the words writeFile uses for a path that cannot be written.
    await writeFile(args.out, '');
    await writeSnapshot(args.out, loaded.built, loaded.source);
  }
  for (const target of args.reports) {
    const text =
      target.format === 'json'
        ? `${JSON.stringify({ stats, diagnostics, ...(args.out ? { snapshot: args.out } : {}) }, null, 2)}\n`
        : `${[
            `ingested ${stats.workspaces} workspaces: ${stats.resources} resource instances, ${stats.outputs} outputs`,
            `linked ${stats.edges} edges: ${Object.entries(stats.edgesByKind)
              .sort()
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')}`,
            `by confidence: ${CONFIDENCE_ORDER.filter((c) => (stats.edgesByConfidence?.[c] ?? 0) > 0)
              .map((c) => `${c} ${stats.edgesByConfidence?.[c]}`)
              .join(', ')}${
              (stats.edgesByConfidence?.ambiguous ?? 0) > 0
                ? ' (ambiguous: a name matching producers in several accounts or regions, from a workspace whose own is unknown; set account: and region: in impact.yaml)'
                : ''
            }`,
            ...consumersLine(stats.consumers),
            `unresolved: ${
              Object.entries(stats.unresolved)
                .map(([k, n]) => `${k} ${n}`)
                .join(', ') || 'none'
            }`,
            `diagnostics: ${stats.diagnostics.error} errors, ${stats.diagnostics.warning} warnings, ${stats.diagnostics.info} info`,
            ...diagnostics.map((d) => `  ${formatDiagnostic(d)}`),
            ...(args.out ? [`snapshot written to ${args.out}`] : []),
          ].join('\n')}\n`;
    await emit(io, target.file, text);
  }
  return stats.workspaces === 0 ? ExitCode.failed : ExitCode.ok;
}

/** Consumers only configuration shows, by kind, when there are any. */
function consumersLine(consumers: Partial<Record<ConsumerKind, number>> | undefined): string[] {
  const parts = (Object.keys(CONSUMER_KIND_LABELS) as ConsumerKind[])
    .filter((k) => (consumers?.[k] ?? 0) > 0)
    .map((k) => `${CONSUMER_KIND_LABELS[k]} ${consumers?.[k]}`);
  return parts.length > 0 ? [`consumers only configuration shows: ${parts.join(', ')}`] : [];
}
