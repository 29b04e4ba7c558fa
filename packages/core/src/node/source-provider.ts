import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestEntry, SourceWorkspace } from '../ingest/parse-manifest.js';
import { MAX_FILE_BYTES, readTerraformJson } from '../ingest/read-terraform-json.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { SourceEntry, StateSource } from '../source/state-source.js';
import { configVersion } from './directory-provider.js';
import type { EstateProvider, LoadedWorkspace, WorkspaceItem } from './estate-ingest.js';
import { assembleWorkspace, readConfigPart, type StatePart } from './read-estate.js';

export interface SourceSettings {
  /** Where the manifest's paths start (the estate directory); none for a bare `--estate s3://…`. */
  root?: string;
  /** A directory whose `<workspace>/` holds each workspace's `.tf` files. */
  config?: string;
  /** Per state, by key (or default name): its name, configuration, backend, account and region. */
  workspaces?: readonly SourceWorkspace[];
}

/**
 * A source (bucket, organization) as a provider of workspaces. A state fetched from it is read
 * exactly as a file is (the same parser and redaction), and is never written anywhere.
 */
export function sourceProvider(source: StateSource, settings: SourceSettings = {}): EstateProvider {
  const named = new Map<string, SourceWorkspace>();
  for (const w of settings.workspaces ?? []) named.set(w.key, w);
  return {
    name: source.name,
    kind: source.kind,
    async list(signal) {
      const entries = await source.list(signal);
      const items: WorkspaceItem[] = [];
      for (const entry of entries) {
        const set = named.get(entry.key) ?? named.get(entry.workspace);
        const name = set?.name ?? entry.workspace;
        const config = set?.config ?? (await configBelow(settings, name));
        const root = settings.root;
        const version = `${entry.version}${config !== undefined && root !== undefined ? `|${await configVersion(join(root, config))}` : ''}`;
        const item: WorkspaceItem = {
          name,
          version,
          ...(entry.updated !== undefined ? { updated: entry.updated } : {}),
          load: () => loadEntry(source, entry, name, config, set, root, signal),
        };
        // A state the manifest says nothing of, at an address a Terragrunt unit of the directory may name.
        if (!set && entry.backend)
          item.offers = {
            backend: entry.backend,
            version: entry.version,
            ...(entry.updated !== undefined ? { updated: entry.updated } : {}),
            read: () => readState(source, entry, signal),
          };
        items.push(item);
      }
      return { items, diagnostics: [], objects: entries.length };
    },
  };
}

/** `<config>/<workspace>` when the manifest gives a configuration directory and it has one for this workspace. */
async function configBelow(settings: SourceSettings, name: string): Promise<string | undefined> {
  if (settings.config === undefined || settings.root === undefined) return undefined;
  // A name comes from the source (an object key): it never climbs out of the configuration directory.
  if (name.split('/').some((p) => p === '..' || p === '.' || p === '')) return undefined;
  const dir = `${settings.config.replace(/\/+$/, '')}/${name}`;
  const info = await stat(join(settings.root, dir)).catch(() => null);
  return info?.isDirectory() ? dir : undefined;
}

async function loadEntry(
  source: StateSource,
  entry: SourceEntry,
  name: string,
  config: string | undefined,
  set: SourceWorkspace | undefined,
  root: string | undefined,
  signal: AbortSignal | undefined,
): Promise<LoadedWorkspace> {
  const part = await readState(source, entry, signal);
  const manifest: ManifestEntry = {
    name,
    state: entry.file,
    ...(config !== undefined ? { config } : {}),
    ...(set?.backend ? { backend: set.backend } : {}),
    ...(set?.account ? { account: set.account } : {}),
    ...(set?.region ? { region: set.region } : {}),
  };
  const diagnostics: Diagnostic[] = [];
  const configPart =
    config !== undefined && root !== undefined
      ? await readConfigPart(root, manifest)
      : { config: null, diagnostics: [] };
  const model = assembleWorkspace(manifest, part, configPart, diagnostics);
  // The source knows exactly where Terraform keeps this state, unless the manifest says otherwise.
  if (!set?.backend && entry.backend) model.backend = entry.backend;
  return { model, diagnostics };
}

/** One state of the source, fetched and parsed (named by {@link SourceEntry.file}). */
async function readState(
  source: StateSource,
  entry: SourceEntry,
  signal: AbortSignal | undefined,
): Promise<StatePart> {
  const bytes = await source.read(entry, MAX_FILE_BYTES, signal);
  const part: StatePart = { stateFile: entry.file, state: null, diagnostics: [] };
  const doc = readTerraformJson(bytes, entry.file, part.diagnostics);
  if (doc.kind === 'state') part.state = doc.state;
  else if (doc.kind === 'plan')
    part.diagnostics.push(
      diagnostic('error', 'state.is-plan', 'this object is a plan, not a state', { file: entry.file }),
    );
  return part;
}
