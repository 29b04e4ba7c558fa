import { stat } from 'node:fs/promises';
import {
  createEstateIngest,
  type Diagnostic,
  diagnostic,
  directoryProvider,
  type EstateIngest,
  type EstateProvider,
  isSourceUrl,
  listManifest,
  loadEstate,
  parseSourceUrl,
  sourceProvider,
} from '@impact/core/node';
import { createStateSource, type SourceOptions } from './create-state-source.js';

export interface OpenEstateOptions extends Pick<SourceOptions, 'env' | 'retry'> {
  /** A directory without manifest mirrors this S3 bucket (`--bucket`). */
  bucket?: string;
}

export type OpenedEstate = { ok: true; ingest: EstateIngest } | { ok: false; diagnostics: Diagnostic[] };

/**
 * What `--estate` names, ready to ingest again and again, each time reading only what changed:
 * a source URL (`s3://`, `gs://`, `azblob://`, `tfc://`, `tfe://`); a directory, with the sources
 * its `impact.yaml` lists beside its own workspaces; or a snapshot file (read again when it changes).
 */
export async function openEstate(estate: string, options: OpenEstateOptions = {}): Promise<OpenedEstate> {
  const sourceOptions: SourceOptions = {
    ...(options.env ? { env: options.env } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  };
  if (isSourceUrl(estate)) {
    const parsed = parseSourceUrl(estate);
    if (!parsed.ok)
      return {
        ok: false,
        diagnostics: [diagnostic('error', 'source.invalid', `${estate}: ${parsed.reason}`)],
      };
    const source = await createStateSource(parsed.location, sourceOptions);
    return {
      ok: true,
      ingest: createEstateIngest({ name: source.name, providers: [sourceProvider(source)] }),
    };
  }
  const info = await stat(estate).catch(() => null);
  if (info?.isFile()) return { ok: true, ingest: snapshotIngest(estate) };
  if (!info) {
    // Core's words for a path that is not there (it names what an estate can be).
    const loaded = await loadEstate(estate);
    if (!loaded.ok) return { ok: false, diagnostics: loaded.diagnostics };
  }
  const diagnostics: Diagnostic[] = [];
  const listed = await listManifest(
    estate,
    diagnostics,
    options.bucket !== undefined ? { bucket: options.bucket } : {},
  );
  const refused = diagnostics.filter(
    (d) => d.severity === 'error' && (d.code.startsWith('manifest.') || d.code === 'estate.missing'),
  );
  if (refused.length > 0) return { ok: false, diagnostics: refused };
  const providers: EstateProvider[] = [];
  if (!listed.manifest || listed.entries.length > 0 || listed.sources.length === 0)
    providers.push(directoryProvider(estate, options.bucket !== undefined ? { bucket: options.bucket } : {}));
  for (const s of listed.sources) {
    const source = await createStateSource(s.location, {
      ...sourceOptions,
      ...(s.workspaceKeyPrefix !== undefined ? { workspaceKeyPrefix: s.workspaceKeyPrefix } : {}),
      ...(s.region !== undefined ? { region: s.region } : {}),
    });
    providers.push(
      sourceProvider(source, {
        root: estate,
        ...(s.config !== undefined ? { config: s.config } : {}),
        workspaces: s.workspaces,
      }),
    );
  }
  return { ok: true, ingest: createEstateIngest({ name: estate, providers }) };
}

/** A snapshot file as an ingest: loaded again only when its size or time changes. */
function snapshotIngest(file: string): EstateIngest {
  let version = '';
  let last: Awaited<ReturnType<EstateIngest['ingest']>> | null = null;
  let polledAt: string | undefined;
  let changedAt: string | undefined;
  let error: string | undefined;
  return {
    name: file,
    async ingest() {
      const started = performance.now();
      polledAt = new Date().toISOString();
      const info = await stat(file, { bigint: true }).catch(() => null);
      const now = info ? `${info.size}@${info.mtimeNs}` : 'absent';
      if (last?.ok && now === version)
        return { ...last, changed: false, summary: { ...last.summary, fetched: 0, reused: 1 } };
      const loaded = await loadEstate(file);
      if (!loaded.ok) {
        error = loaded.diagnostics.map((d) => d.message).join('; ');
        return { ok: false, diagnostics: loaded.diagnostics };
      }
      error = undefined;
      version = now;
      changedAt = polledAt;
      const ms = Math.round(performance.now() - started);
      last = {
        ok: true,
        built: loaded.built,
        changed: true,
        source: loaded.source,
        ingestedAt: loaded.ingestedAt,
        summary: {
          workspaces: loaded.built.stats.workspaces,
          fetched: 1,
          reused: 0,
          relinked: 0,
          reread: 0,
          removed: 0,
          ms,
          patched: false,
        },
        // A snapshot does not say which state versions it was made of.
        states: [],
      };
      return last;
    },
    sources: () => [
      {
        name: file,
        kind: 'snapshot',
        objects: last ? 1 : 0,
        workspaces: last?.ok ? last.built.stats.workspaces : 0,
        fetched: 0,
        ...(polledAt ? { lastPollAt: polledAt } : {}),
        ...(changedAt ? { lastChangeAt: changedAt } : {}),
        ...(error ? { lastError: error } : {}),
      },
    ],
  };
}
