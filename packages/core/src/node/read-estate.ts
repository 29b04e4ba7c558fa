import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ingestHclFiles, type SourceFile } from '../ingest/ingest-hcl.js';
import { readTerraformJson } from '../ingest/read-terraform-json.js';
import { backendAddress, normalisePath } from '../model/backend.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { Estate, WorkspaceModel } from '../model/estate.js';
import type { Value } from '../model/workspace.js';

export interface ReadEstateOptions {
  onProgress?: (event: { files: number; total: number; file: string; resources: number }) => void;
}

interface ManifestEntry {
  name: string;
  state?: string;
  config?: string;
  backend?: Record<string, Value>;
}

/**
 * Reads an estate directory: `impact.yaml` when present, else every `*.tfstate` below it
 * (a workspace named by its path) with the `.tf` files of the same directory as its config.
 */
export async function readEstate(root: string, options: ReadEstateOptions = {}): Promise<Estate> {
  const diagnostics: Diagnostic[] = [];
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    diagnostics.push(
      diagnostic('error', 'estate.missing', `estate directory not found: ${root}`, { file: root }),
    );
    return { source: root, workspaces: [], diagnostics, ingestedAt: new Date().toISOString() };
  }
  const entries = await manifestOrDiscover(root, diagnostics);
  const workspaces: WorkspaceModel[] = [];
  let done = 0;
  let resources = 0;
  // The next state file is read while this one is parsed: disk waits overlap with the CPU work.
  let next = entries[0] ? readStateBytes(root, entries[0]) : null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as ManifestEntry;
    const bytes = next;
    next = entries[i + 1] ? readStateBytes(root, entries[i + 1] as ManifestEntry) : null;
    const ws = await readWorkspace(root, entry, diagnostics, bytes);
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

async function manifestOrDiscover(root: string, diagnostics: Diagnostic[]): Promise<ManifestEntry[]> {
  const manifestPath = join(root, 'impact.yaml');
  const text = await readFile(manifestPath, 'utf8').catch(() => null);
  if (text === null) return discover(root);
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    diagnostics.push(
      diagnostic('error', 'manifest.invalid', `impact.yaml is not valid YAML: ${(error as Error).message}`, {
        file: 'impact.yaml',
      }),
    );
    return discover(root);
  }
  const list = (doc as { workspaces?: unknown } | null)?.workspaces;
  if (!Array.isArray(list)) {
    diagnostics.push(
      diagnostic('error', 'manifest.invalid', 'impact.yaml has no `workspaces:` list', {
        file: 'impact.yaml',
      }),
    );
    return discover(root);
  }
  const entries: ManifestEntry[] = [];
  list.forEach((raw, i) => {
    const e = raw as Partial<ManifestEntry> | null;
    if (!e || typeof e.name !== 'string' || e.name.includes('::') || (!e.state && !e.config)) {
      diagnostics.push(
        diagnostic(
          'error',
          'manifest.invalid',
          `workspaces[${i}] needs a name (without "::") and a state or config`,
          {
            file: 'impact.yaml',
          },
        ),
      );
      return;
    }
    entries.push(e as ManifestEntry);
  });
  return entries;
}

async function discover(root: string): Promise<ManifestEntry[]> {
  const states: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const items = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) {
      if (item.name === 'node_modules' || item.name === '.terraform' || item.name.startsWith('.')) continue;
      const full = join(dir, item.name);
      if (item.isDirectory()) await walk(full);
      else if (item.name.endsWith('.tfstate')) states.push(relative(root, full).split(sep).join('/'));
    }
  };
  await walk(root);
  return states.map((state) => {
    const name =
      state === 'terraform.tfstate' ? basename(root) : state.replace(/(\/terraform)?\.tfstate$/, '');
    const dir = dirname(state);
    return { name, state, config: dir };
  });
}

type StateBytes = { bytes: Buffer } | { error: NodeJS.ErrnoException } | null;

/** A workspace's state file as bytes, or the reason it cannot be read; never rejects. */
function readStateBytes(root: string, entry: ManifestEntry): Promise<StateBytes> {
  if (!entry.state) return Promise.resolve(null);
  return readFile(join(root, entry.state)).then(
    (bytes) => ({ bytes }),
    (error: NodeJS.ErrnoException) => ({ error }),
  );
}

async function readWorkspace(
  root: string,
  entry: ManifestEntry,
  diagnostics: Diagnostic[],
  pending: Promise<StateBytes> | null,
): Promise<WorkspaceModel> {
  const ws: WorkspaceModel = { name: entry.name, backend: null, state: null, config: null };
  const tag = (d: Diagnostic[]) => {
    for (const x of d) diagnostics.push({ ...x, workspace: entry.name });
  };
  if (entry.state) {
    ws.stateFile = normalisePath(entry.state);
    const local: Diagnostic[] = [];
    const read = (await pending) ?? (await readStateBytes(root, entry));
    const bytes = read && 'bytes' in read ? read.bytes : null;
    if (read && 'error' in read) {
      const { error } = read;
      local.push(
        diagnostic('error', 'file.unreadable', `cannot read state: ${error.code ?? error.message}`, {
          file: entry.state,
        }),
      );
    }
    if (bytes) {
      const doc = readTerraformJson(bytes, ws.stateFile, local);
      if (doc.kind === 'state') ws.state = doc.state;
      else if (doc.kind === 'plan') {
        local.push(
          diagnostic('error', 'state.is-plan', 'this file is a plan, not a state', { file: ws.stateFile }),
        );
      }
    }
    tag(local);
  }
  if (entry.config !== undefined) {
    const files = await readTfFiles(join(root, entry.config), normalisePath(entry.config));
    if (files.length > 0) {
      ws.configDir = normalisePath(entry.config);
      const local: Diagnostic[] = [];
      ws.config = await ingestHclFiles(ws.configDir, files, local);
      tag(local);
    } else if (entry.state === undefined) {
      tag([
        diagnostic('error', 'config.empty', 'no .tf files in the configuration directory', {
          file: entry.config,
        }),
      ]);
    }
  }
  ws.backend = entry.backend
    ? backendAddress(String(entry.backend.type ?? ''), entry.backend)
    : ws.config?.backend
      ? backendAddress(ws.config.backend.type, ws.config.backend.config)
      : null;
  if (ws.backend === null && ws.stateFile) ws.backend = `local://${ws.stateFile}`;
  return ws;
}

async function readTfFiles(dir: string, relDir: string): Promise<SourceFile[]> {
  const items = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: SourceFile[] = [];
  for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!item.isFile() || !item.name.endsWith('.tf')) continue;
    const text = await readFile(join(dir, item.name), 'utf8');
    files.push({
      path: relDir === '.' || relDir === '' ? item.name : `${relDir}/${item.name}`,
      text: text.replace(/^\uFEFF/, ''),
    });
  }
  return files;
}
