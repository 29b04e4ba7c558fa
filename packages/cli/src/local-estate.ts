import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  emptyEstateMessage,
  isSourceUrl,
  type LoadedEstate,
  listManifest,
  loadEstate,
  type StateVersionRef,
} from '@impact/core/node';
import type { CliArgs } from './args.js';
import { InputError } from './exit-codes.js';
import { formatDiagnostic } from './format-diagnostic.js';
import type { Io } from './io.js';

/** The estate of `--estate <dir|snapshot>`, or exit 2 with every reason it cannot be read. */
export async function localEstate(
  estate: string,
  args: CliArgs,
  io: Io,
): Promise<LoadedEstate & { ok: true; states?: StateVersionRef[] }> {
  const info = await stat(estate).catch(() => null);
  if (info?.isFile() && /(^|\/)impact\.ya?ml$|\.tfstate$/.test(estate)) {
    throw new InputError(
      `--estate ${estate} is a file of the estate, not the estate: pass its directory (--estate ${dirname(estate) || '.'})`,
    );
  }
  // A history needs each state's version: the incremental ingest lists them (a directory is a source too).
  if (isSourceUrl(estate) || args.store !== undefined || (await namesSources(estate)))
    return sourceEstate(estate, args);
  const started = Date.now();
  let drawn = 0;
  const slow = () => !args.quiet && io.stderrIsTty && Date.now() - started > 1000;
  const loaded = await loadEstate(estate, {
    workers: args.workers,
    ...(args.bucket !== undefined ? { bucket: args.bucket } : {}),
    onProgress: ({ files, total, resources }) => {
      // At most ten redraws a second, and always the last one.
      if (slow() && (files === total || Date.now() - drawn >= 100)) {
        drawn = Date.now();
        const elapsed = ((Date.now() - started) / 1000).toFixed(0);
        io.stderr(
          `\ringesting ${files}/${total} workspaces, ${resources.toLocaleString('en')} resources, ${elapsed} s`,
        );
        if (files === total) io.stderr('; linking…');
      }
    },
  });
  if (slow()) io.stderr('\n');
  if (!loaded.ok) throw new InputError(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  if (loaded.built.stats.workspaces === 0) {
    // The same message for every command: nothing was analysed, so nothing passes.
    throw new InputError(
      `${emptyEstateMessage(estate)}${
        loaded.built.diagnostics.length > 0
          ? `\n${loaded.built.diagnostics.map(formatDiagnostic).join('\n')}`
          : ''
      }`,
    );
  }
  const errors = loaded.built.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 && !args.quiet) {
    io.stderr(
      `impact: ${errors.length} estate file(s) could not be used (run \`impact ingest ${estate}\` for details)\n`,
    );
  }
  return loaded;
}

/** Whether the directory's impact.yaml lists `sources:` (buckets, organizations) to read states from. */
async function namesSources(estate: string): Promise<boolean> {
  const info = await stat(estate).catch(() => null);
  if (!info?.isDirectory()) return false;
  return (await listManifest(estate, [])).sources.length > 0;
}

/**
 * An estate read from where its states live. The cloud clients are loaded only here, so that
 * commands over a directory or a snapshot start as fast as before.
 */
async function sourceEstate(
  estate: string,
  args: CliArgs,
): Promise<LoadedEstate & { ok: true; states: StateVersionRef[] }> {
  const { openEstate } = await import('@impact/sources');
  const opened = await openEstate(estate, args.bucket !== undefined ? { bucket: args.bucket } : {});
  if (!opened.ok) throw new InputError(opened.diagnostics.map(formatDiagnostic).join('\n'));
  const outcome = await opened.ingest.ingest();
  if (!outcome.ok) throw new InputError(outcome.diagnostics.map(formatDiagnostic).join('\n'));
  if (outcome.built.stats.workspaces === 0)
    throw new InputError(`no workspace in ${estate}: it holds no *.tfstate (or no workspace with a state)`);
  return {
    ok: true,
    built: outcome.built,
    source: outcome.source,
    ingestedAt: outcome.ingestedAt,
    states: outcome.states,
  };
}
