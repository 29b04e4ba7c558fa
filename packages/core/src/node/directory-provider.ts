import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ManifestEntry } from '../ingest/parse-manifest.js';
import { backendAddress } from '../model/backend.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { SourceError } from '../source/state-source.js';
import type { EstateProvider, LoadedWorkspace, WorkspaceItem } from './estate-ingest.js';
import { listManifest, readStatePart, readWorkspace, type StatePart } from './read-estate.js';

/**
 * An estate directory as a provider of workspaces: `impact.yaml`'s `workspaces:`, else every
 * `*.tfstate` below it. A state's version is its size and modification time, with those of its
 * configuration's `.tf` files: a directory has no ETag.
 */
export function directoryProvider(root: string, options: { bucket?: string } = {}): EstateProvider {
  return {
    name: root,
    kind: 'directory',
    async list() {
      const diagnostics: Diagnostic[] = [];
      const listed = await listManifest(
        root,
        diagnostics,
        options.bucket !== undefined ? { bucket: options.bucket } : {},
      );
      const missing = diagnostics.find((d) => d.code === 'estate.missing');
      if (missing) throw new SourceError(root, 'not-found', 'no such directory');
      const refused = diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('manifest.'));
      const items: WorkspaceItem[] = await Promise.all(
        listed.entries.map(async (entry) => {
          const updated = entry.state !== undefined ? await modifiedAt(join(root, entry.state)) : undefined;
          const item: WorkspaceItem = {
            name: entry.name,
            version: await entryVersion(root, entry),
            ...(updated !== undefined ? { updated } : {}),
            load: () => loadEntry(root, entry),
          };
          const backend = entry.backend
            ? backendAddress(String(entry.backend.type ?? ''), entry.backend)
            : null;
          if (entry.terragrunt && entry.state === undefined && backend !== null)
            item.claims = { backend, load: (state) => loadEntry(root, entry, state) };
          return item;
        }),
      );
      return {
        items,
        diagnostics,
        refused,
        objects: items.length,
        ...(!listed.manifest && options.bucket === undefined
          ? { mirror: { bucket: basename(resolve(root)), inferred: true } }
          : {}),
      };
    },
  };
}

/** A workspace of the directory, with its own state or (a Terragrunt unit's) the one a source holds. */
async function loadEntry(
  root: string,
  entry: ManifestEntry,
  state: Promise<StatePart> = readStatePart(root, entry),
): Promise<LoadedWorkspace> {
  const diagnostics: Diagnostic[] = [];
  const model = await readWorkspace(root, entry, state, diagnostics);
  return { model, diagnostics };
}

/**
 * Size and modification time (in nanoseconds) of the state and of the configuration's `.tf`
 * files, and a digest of what a Terragrunt unit's files say (its backend, dependencies, inputs).
 */
async function entryVersion(root: string, entry: ManifestEntry): Promise<string> {
  const parts: string[] = [];
  if (entry.state !== undefined) parts.push(await fileVersion(join(root, entry.state)));
  if (entry.config !== undefined) parts.push(await configVersion(join(root, entry.config)));
  if (entry.terragrunt)
    parts.push(
      createHash('sha256')
        .update(JSON.stringify([entry.terragrunt, entry.backend ?? null]))
        .digest('hex')
        .slice(0, 16),
    );
  return parts.join('|');
}

/** The version of a configuration directory: its `.tf` files' names, sizes and times. */
export async function configVersion(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const tf = names.filter((n) => n.endsWith('.tf')).sort();
  const parts = await Promise.all(tf.map(async (n) => `${n}:${await fileVersion(join(dir, n))}`));
  return parts.join(',');
}

/** A state file's modification time (ISO 8601): when its workspace last changed, as far as the directory knows. */
async function modifiedAt(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => null);
  return info ? info.mtime.toISOString() : undefined;
}

async function fileVersion(path: string): Promise<string> {
  const info = await stat(path, { bigint: true }).catch(() => null);
  return info ? `${info.size}@${info.mtimeNs}` : 'absent';
}
