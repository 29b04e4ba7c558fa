import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { ingestHclFiles, MAX_HCL_FILE_BYTES, type SourceFile } from '../ingest/ingest-hcl.js';
import { ingestLocalModules } from '../ingest/ingest-local-modules.js';
import {
  MANIFEST,
  type ManifestEntry,
  type ManifestSource,
  type PlacedEntry,
  parseManifest,
} from '../ingest/parse-manifest.js';
import { MAX_FILE_BYTES, readTerraformJson } from '../ingest/read-terraform-json.js';
import { backendAddress, normalisePath } from '../model/backend.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { Estate, WorkspaceModel } from '../model/estate.js';
import type { ConfigModel, StateModel } from '../model/workspace.js';
import { s3State, stateName } from '../source/state-keys.js';
import { checkManifestPaths } from './check-manifest-paths.js';
import { confinedDirReader } from './confined-dir-reader.js';
import { discoverTerragrunt, type WalkedTree } from './discover-terragrunt.js';
import { type RegularFileRead, readRegularFile } from './read-regular-file.js';

export type { ManifestEntry, ManifestSource } from '../ingest/parse-manifest.js';

/** An `impact.yaml` is a short list; anything bigger is not one. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

export interface ReadEstateOptions {
  onProgress?: (event: { files: number; total: number; file: string; resources: number }) => void;
}

/**
 * Reads an estate directory: `impact.yaml` when present, else every `*.tfstate` below it
 * (a workspace named by its path) with the `.tf` files of the same directory as its config.
 */
export async function readEstate(root: string, options: ReadEstateOptions = {}): Promise<Estate> {
  const diagnostics: Diagnostic[] = [];
  return readEntries(root, await listEntries(root, diagnostics), diagnostics, options);
}

/** {@link readEstate} of the entries {@link listEntries} found; its diagnostics go on in `diagnostics`. */
export async function readEntries(
  root: string,
  entries: readonly ManifestEntry[],
  diagnostics: Diagnostic[],
  options: ReadEstateOptions = {},
): Promise<Estate> {
  const workspaces: WorkspaceModel[] = [];
  let done = 0;
  let resources = 0;
  // The next state file is read while this one is parsed: disk waits overlap with the CPU work.
  let next = entries[0] ? readStateBytes(root, entries[0]) : null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as ManifestEntry;
    const bytes = next;
    next = entries[i + 1] ? readStateBytes(root, entries[i + 1] as ManifestEntry) : null;
    const ws = await readWorkspace(root, entry, readStatePart(root, entry, bytes), diagnostics);
    workspaces.push(ws);
    resources += ws.state?.resources.length ?? 0;
    options.onProgress?.({
      files: ++done,
      total: entries.length,
      file: entry.state ?? entry.config ?? entry.name,
      resources,
    });
  }
  return { source: root, workspaces, diagnostics, ingestedAt: new Date().toISOString() };
}

/**
 * The estate's workspaces: `impact.yaml`'s list (a manifest with `sources:` and no list: the
 * units of the Terragrunt tree the directory holds), else every state file found; [] if `root` is
 * no directory. A manifest that cannot be used (not YAML, not the schema, a path outside the estate or
 * missing) adds `manifest.*` errors to `diagnostics` and gives no entries: it is never replaced by
 * discovery, so {@link loadEstate} refuses the estate with those reasons.
 */
export async function listEntries(
  root: string,
  diagnostics: Diagnostic[],
  options: ListOptions = {},
): Promise<ManifestEntry[]> {
  return (await listManifest(root, diagnostics, options)).entries;
}

export interface ListOptions {
  /**
   * The directory mirrors this S3 bucket (`--bucket`): with no manifest, each state is the
   * object `<its path>` of the bucket, so s3 remote-state readers of it resolve by key.
   */
  bucket?: string;
}

/** What a directory holds: its workspaces, the sources its manifest names, and whether it has a manifest. */
export interface EstateListing {
  entries: ManifestEntry[];
  sources: ManifestSource[];
  manifest: boolean;
}

/** The last manifest parsed, by its text: a watched directory lists its manifest at every poll. */
let lastManifest: { text: string; parsed: ReturnType<typeof parseManifest> } | undefined;

/** {@link parseManifest}, parsed once per text (a copy each time: its callers may change what they get). */
function parsedManifest(text: string): ReturnType<typeof parseManifest> {
  if (lastManifest?.text !== text) lastManifest = { text, parsed: parseManifest(text) };
  return structuredClone(lastManifest.parsed);
}

/** {@link listEntries}, with the manifest's `sources:` and whether there is a manifest at all. */
export async function listManifest(
  root: string,
  diagnostics: Diagnostic[],
  options: ListOptions = {},
): Promise<EstateListing> {
  const none: EstateListing = { entries: [], sources: [], manifest: true };
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    diagnostics.push(diagnostic('error', 'estate.missing', `no such directory: ${root}`, { file: root }));
    return { ...none, manifest: false };
  }
  const read = await readRegularFile(join(root, MANIFEST), MAX_MANIFEST_BYTES);
  if (!read.ok && read.reason === 'ENOENT')
    return { entries: await discover(root, diagnostics, options.bucket), sources: [], manifest: false };
  if (!read.ok) {
    diagnostics.push(
      diagnostic('error', 'manifest.unreadable', `${MANIFEST} cannot be read: ${read.reason}`, {
        file: MANIFEST,
      }),
    );
    return none;
  }
  const manifest = parsedManifest(read.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  diagnostics.push(...manifest.diagnostics);
  if (!manifest.ok || !(await checkManifestPaths(root, manifest.entries, diagnostics))) return none;
  if (!(await checkManifestPaths(root, sourceConfigPaths(manifest.sources), diagnostics))) return none;
  const entries = manifest.entries.map((p) => p.entry);
  // Sources and no workspaces of the directory's own: its Terragrunt units, if it holds a tree,
  // are its workspaces, each to take its state from the source that holds it.
  if (entries.length === 0 && manifest.sources.length > 0)
    entries.push(...(await discoverTerragrunt(root, await walkTree(root, diagnostics), diagnostics)).entries);
  return { entries, sources: manifest.sources, manifest: true };
}

/** The configuration directories a manifest's sources name, as entries for the path checks. */
function sourceConfigPaths(sources: readonly ManifestSource[]): PlacedEntry[] {
  const out: PlacedEntry[] = [];
  for (const s of sources) {
    if (s.config !== undefined)
      out.push({ entry: { name: s.url, config: s.config }, index: s.index, line: s.line });
    for (const w of s.workspaces)
      if (w.config !== undefined)
        out.push({ entry: { name: w.name ?? w.key, config: w.config }, index: s.index, line: s.line });
  }
  return out;
}

/**
 * Every `*.tfstate` below `root`, sorted, and every unit of a Terragrunt tree there (with the
 * states of its bucket mirror: see {@link discoverTerragrunt}); a directory that cannot be listed
 * is a diagnostic.
 */
async function discover(
  root: string,
  diagnostics: Diagnostic[],
  bucket: string | undefined,
): Promise<ManifestEntry[]> {
  const tree = await walkTree(root, diagnostics);
  const terragrunt = await discoverTerragrunt(root, tree, diagnostics);
  return [
    ...terragrunt.entries,
    ...tree.states
      .filter((s) => !terragrunt.claimed.has(s))
      .map((state) => {
        const dir = dirname(state);
        if (bucket !== undefined) {
          // A mirror of the bucket: each state is the object at its path, a Terraform workspace's under `env:/`.
          const keyed = s3State(bucket, '', state);
          if (keyed)
            return { name: keyed.workspace, state, config: dir, backend: { type: 's3', bucket, key: state } };
        }
        return { name: stateName(state, basename(root)), state, config: dir };
      }),
  ];
}

/** The files below `root` that discovery looks at (hidden directories and `node_modules` skipped). */
async function walkTree(root: string, diagnostics: Diagnostic[]): Promise<WalkedTree> {
  const states: string[] = [];
  const hcl: string[] = [];
  const tfDirs = new Set<string>();
  const paths = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const items = await listDirectory(root, dir, diagnostics);
    for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) {
      if (item.name === 'node_modules' || item.name === '.terraform' || item.name.startsWith('.')) continue;
      const full = join(dir, item.name);
      const rel = relative(root, full).split(sep).join('/');
      paths.add(rel);
      if (item.isDirectory()) await walk(full);
      else if (item.name.endsWith('.tfstate')) states.push(rel);
      else if (item.name.endsWith('.hcl')) hcl.push(rel);
      else if (item.name.endsWith('.tf')) tfDirs.add(dirname(rel) === '.' ? '' : dirname(rel));
    }
  };
  await walk(root);
  return { states, hcl, tfDirs, paths };
}

/** A directory's entries, or none and an error naming it (relative to `root`) and why. */
async function listDirectory(root: string, dir: string, diagnostics: Diagnostic[]): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const file = relative(root, dir).split(sep).join('/') || '.';
    diagnostics.push(diagnostic('error', 'dir.unreadable', `cannot list the directory: ${code}`, { file }));
    return [];
  }
}

type StateBytes = RegularFileRead | null;

/** A workspace's state file as bytes, or the reason it cannot be read; never rejects, never hangs. */
export function readStateBytes(root: string, entry: ManifestEntry): Promise<StateBytes> {
  if (!entry.state) return Promise.resolve(null);
  return readRegularFile(join(root, entry.state), MAX_FILE_BYTES);
}

/** A workspace's state, as read from its file, with what went wrong (not yet tagged with the workspace). */
export interface StatePart {
  stateFile?: string;
  state: StateModel | null;
  diagnostics: Diagnostic[];
}

/** Reads and redacts a workspace's state file: the part of a workspace an ingest worker can do. */
export async function readStatePart(
  root: string,
  entry: ManifestEntry,
  pending: Promise<StateBytes> | null = null,
): Promise<StatePart> {
  const part: StatePart = { state: null, diagnostics: [] };
  if (!entry.state) return part;
  const stateFile = normalisePath(entry.state);
  part.stateFile = stateFile;
  const local = part.diagnostics;
  const read = (await pending) ?? (await readStateBytes(root, entry));
  if (read && !read.ok) {
    local.push(diagnostic('error', read.code, `cannot read state: ${read.reason}`, { file: stateFile }));
  } else if (read) {
    const doc = readTerraformJson(read.bytes, stateFile, local);
    if (doc.kind === 'state') part.state = doc.state;
    else if (doc.kind === 'plan') {
      local.push(
        diagnostic('error', 'state.is-plan', 'this file is a plan, not a state', { file: stateFile }),
      );
    }
  }
  return part;
}

export interface ConfigPart {
  configDir?: string;
  config: ConfigModel | null;
  diagnostics: Diagnostic[];
}

/** A workspace's configuration directory, read and parsed: the `.tf` files, or the reasons they cannot be. */
export async function readConfigPart(root: string, entry: ManifestEntry): Promise<ConfigPart> {
  const part: ConfigPart = { config: null, diagnostics: [] };
  if (entry.config === undefined) return part;
  const files = await readTfFiles(root, entry.config, part.diagnostics);
  if (files.length > 0) {
    part.configDir = normalisePath(entry.config);
    part.config = await ingestHclFiles(part.configDir, files, part.diagnostics);
    const readDir = (dir: string) => readTfFiles(root, dir, part.diagnostics);
    await ingestLocalModules(
      part.config,
      confinedDirReader(root, readDir, part.diagnostics),
      part.diagnostics,
    );
  } else if (entry.state === undefined) {
    part.diagnostics.push(
      diagnostic('error', 'config.empty', 'no .tf files in the configuration directory', {
        file: entry.config,
      }),
    );
  }
  return part;
}

/**
 * A workspace from its state part (read here or in a worker) and its configuration, which is
 * always read on the main thread; the diagnostics of both, tagged with the workspace, go to `into`.
 */
export async function readWorkspace(
  root: string,
  entry: ManifestEntry,
  state: Promise<StatePart>,
  into: Diagnostic[],
): Promise<WorkspaceModel> {
  const [s, c] = await Promise.all([state, readConfigPart(root, entry)]);
  return assembleWorkspace(entry, s, c, into);
}

/** A workspace model from its state part and configuration part; their diagnostics, tagged, go to `into`. */
export function assembleWorkspace(
  entry: ManifestEntry,
  s: StatePart,
  c: ConfigPart,
  into: Diagnostic[],
): WorkspaceModel {
  const ws: WorkspaceModel = { name: entry.name, backend: null, state: s.state, config: c.config };
  if (typeof entry.account === 'string' && entry.account !== '') ws.account = entry.account;
  if (typeof entry.region === 'string' && entry.region !== '') ws.region = entry.region;
  if (entry.terragrunt) ws.terragrunt = entry.terragrunt;
  if (s.stateFile !== undefined) ws.stateFile = s.stateFile;
  if (c.configDir !== undefined) ws.configDir = c.configDir;
  for (const x of s.diagnostics) into.push({ ...x, workspace: entry.name });
  for (const x of c.diagnostics) into.push({ ...x, workspace: entry.name });
  ws.backend = entry.backend
    ? backendAddress(String(entry.backend.type ?? ''), entry.backend)
    : ws.config?.backend
      ? backendAddress(ws.config.backend.type, ws.config.backend.config)
      : null;
  if (ws.backend === null && ws.stateFile) ws.backend = `local://${ws.stateFile}`;
  return ws;
}

/** The `.tf` files of a configuration directory; one that cannot be read is an error, the rest still count. */
async function readTfFiles(root: string, config: string, diagnostics: Diagnostic[]): Promise<SourceFile[]> {
  const relDir = normalisePath(config);
  const items = await listDirectory(root, join(root, config), diagnostics);
  const files: SourceFile[] = [];
  for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!item.name.endsWith('.tf') || !(item.isFile() || item.isSymbolicLink())) continue;
    const path = relDir === '.' || relDir === '' ? item.name : `${relDir}/${item.name}`;
    const read = await readRegularFile(join(root, config, item.name), MAX_HCL_FILE_BYTES);
    if (!read.ok) {
      diagnostics.push(
        diagnostic('error', read.code, `cannot read configuration: ${read.reason}`, { file: path }),
      );
      continue;
    }
    files.push({ path, text: read.bytes.toString('utf8').replace(/^\uFEFF/, '') });
  }
  return files;
}
