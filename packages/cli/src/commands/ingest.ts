import { CONSUMER_KIND_LABELS, type ConsumerKind } from '@impact/core';
import { writeSnapshot } from '@impact/core/node';
import type { CliArgs } from '../args.js';
import { emit } from '../emit.js';
import { ExitCode, InputError, UsageError } from '../exit-codes.js';
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
  // Digests made with the store's key compare with every version it holds: the key comes first.
  const history = args.store !== undefined ? await openHistory(args.store, args.alertWebhooks) : null;
  let recorded: string[] = [];
  let loaded: Awaited<ReturnType<typeof localEstate>>;
  try {
    loaded = await localEstate(dir, args, io);
    if (history) recorded = await history.record(loaded, dir);
  } finally {
    await history?.close();
  }
  const { stats, diagnostics } = loaded.built;
  if (args.out) {
    // The directory first, in the words writeFile uses for a path that cannot be written.
    await writeFile(args.out, '');
    await writeSnapshot(args.out, loaded.built, loaded.source);
  }
  for (const target of args.reports) {
    const text =
      target.format === 'json'
        ? `${JSON.stringify({ stats, diagnostics, ...(args.out ? { snapshot: args.out } : {}), ...(recorded.length > 0 ? { history: recorded } : {}) }, null, 2)}\n`
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
            ...recorded,
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

/**
 * `ingest --store`: the version a pipeline feeds to the history a server shares, with the alerts
 * it raises (POSTed to `--alert-webhook` once, as a server would). The store and the recorder are
 * loaded only here.
 */
async function openHistory(spec: string, webhooks: string[]) {
  const [{ openStore }, { createRecorder, estateName }, { useDigestKey }] = await Promise.all([
    import('@impact/store'),
    import('@impact/server'),
    import('@impact/core/node'),
  ]);
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(spec);
  } catch (error) {
    throw new InputError(`cannot open the history store: ${(error as Error).message}`);
  }
  useDigestKey(await store.digestKey());
  const lines: string[] = [];
  return {
    close: () => store.close(),
    record: async (loaded: Awaited<ReturnType<typeof localEstate>>, estate: string): Promise<string[]> => {
      // One store keeps one estate's history: a run over another (a part of it, a typo) would
      // record whole workspaces as removed, then added back.
      const latest = await store.latestVersion();
      const recorded = latest > 0 ? (await store.version(latest))?.estate : undefined;
      if (recorded !== undefined && recorded !== estateName(estate))
        throw new InputError(
          `the store keeps the history of ${recorded}, not of ${estateName(estate)}: no version recorded`,
        );
      const recorder = createRecorder({
        store,
        estate,
        webhooks,
        // A CI run records beside the servers (the store serialises versions), lead or not.
        evenIfFollower: true,
        log: (line) => lines.push(line.replace(/^history: /, '')),
      });
      const outcome = await recorder.record({
        built: loaded.built,
        ingestedAt: loaded.ingestedAt,
        states: loaded.states ?? [],
        trigger: 'cli',
      });
      if (!outcome.recorded)
        return [
          outcome.reason === 'unchanged'
            ? `history (${store.location}): nothing changed since version ${await store.latestVersion()}, no version recorded`
            : `history (${store.location}): another process leads this store; no version recorded`,
        ];
      return lines.map((l) => `history (${store.location}): ${l}`);
    },
  };
}
