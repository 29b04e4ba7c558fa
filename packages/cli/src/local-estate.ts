import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { emptyEstateMessage, type LoadedEstate, loadEstate } from '@impact/core/node';
import type { CliArgs } from './args.js';
import { InputError } from './exit-codes.js';
import { formatDiagnostic } from './format-diagnostic.js';
import type { Io } from './io.js';

/** The estate of `--estate <dir|snapshot>`, or exit 2 with every reason it cannot be read. */
export async function localEstate(
  estate: string,
  args: CliArgs,
  io: Io,
): Promise<LoadedEstate & { ok: true }> {
  const info = await stat(estate).catch(() => null);
  if (info?.isFile() && /(^|\/)impact\.ya?ml$|\.tfstate$/.test(estate)) {
    throw new InputError(
      `--estate ${estate} is a file of the estate, not the estate: pass its directory (--estate ${dirname(estate) || '.'})`,
    );
  }
  const started = Date.now();
  let drawn = 0;
  const slow = () => !args.quiet && io.stderrIsTty && Date.now() - started > 1000;
  const loaded = await loadEstate(estate, {
    workers: args.workers,
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
