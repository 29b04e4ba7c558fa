import { basename, join } from 'node:path';
import { MAX_HCL_FILE_BYTES, parseHcl } from '../ingest/ingest-hcl.js';
import type { ManifestEntry } from '../ingest/parse-manifest.js';
import type { TerragruntFiles } from '../ingest/terragrunt/evaluate-terragrunt.js';
import { type TerragruntWorkspace, terragruntUnits } from '../ingest/terragrunt/terragrunt-units.js';
import { estatePath } from '../ingest/terragrunt/tg-path.js';
import { normalisePath } from '../model/backend.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import { readRegularFile } from './read-regular-file.js';

/** What discovery's walk of an estate directory found (paths relative to it). */
export interface WalkedTree {
  states: readonly string[];
  /** Every `.hcl` file. */
  hcl: readonly string[];
  /** Directories that hold `.tf` files. */
  tfDirs: ReadonlySet<string>;
  /** Every file and directory. */
  paths: ReadonlySet<string>;
}

/**
 * The workspaces of a Terragrunt tree in an estate directory without a manifest (or whose
 * manifest lists only `sources:`): each unit, named by its directory, its configuration (its
 * Terraform when the source is on disk) and its state, found where the unit's `remote_state` puts
 * it in a mirror of the bucket (a directory named after the bucket: `<bucket>/<key>`). The state
 * files it claims are not workspaces of their own. A unit whose state is not in the directory
 * keeps its configuration and dependencies, and takes the state a source holds at its backend's
 * address if there is one (estate-ingest.ts); else an info diagnostic says its state is not read.
 */
export async function discoverTerragrunt(
  root: string,
  tree: WalkedTree,
  diagnostics: Diagnostic[],
): Promise<{ entries: ManifestEntry[]; claimed: Set<string> }> {
  const claimed = new Set<string>();
  const configs = tree.hcl.filter(
    (f) => basename(f) === 'terragrunt.hcl' || basename(f) === 'terragrunt.stack.hcl',
  );
  if (configs.length === 0) return { entries: [], claimed };
  const texts = new Map<string, string>();
  for (const file of tree.hcl) {
    const read = await readRegularFile(join(root, file), MAX_HCL_FILE_BYTES);
    if (read.ok) texts.set(file, read.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    else
      diagnostics.push(diagnostic('error', read.code, `cannot read configuration: ${read.reason}`, { file }));
  }
  const files: TerragruntFiles = {
    read: (path) => texts.get(path),
    exists: (path) => path === '' || tree.paths.has(path),
    hasTerraform: (dir) => tree.tfDirs.has(dir),
    parse: parseHcl,
  };
  const units = await terragruntUnits(configs, files, basename(root), diagnostics);
  const entries = units.map((u) => {
    const state = stateOf(u, tree.paths);
    if (state) claimed.add(state);
    else if (u.backend)
      diagnostics.push(
        diagnostic(
          'info',
          'terragrunt.state-not-found',
          `the state of unit ${u.name} (${describe(u.backend)}) is not in the estate: its configuration is read, not its state`,
          { file: u.unit.file, workspace: u.name },
        ),
      );
    const entry: ManifestEntry = { name: u.name, terragrunt: u.unit };
    if (state) entry.state = state;
    if (u.configDir !== undefined) entry.config = u.configDir === '' ? '.' : u.configDir;
    if (u.backend) entry.backend = u.backend;
    return entry;
  });
  return { entries, claimed };
}

/** Where a unit's backend puts its state in a mirror of the bucket inside the estate. */
function stateOf(u: TerragruntWorkspace, paths: ReadonlySet<string>): string | undefined {
  const b = u.backend;
  const text = (k: string) => (typeof b?.[k] === 'string' ? (b[k] as string) : undefined);
  let candidate: string | null = null;
  switch (text('type')) {
    case 's3': {
      const bucket = text('bucket');
      const key = text('key');
      if (bucket && key) candidate = normalisePath(`${bucket}/${key}`);
      break;
    }
    case 'gcs': {
      const bucket = text('bucket');
      if (bucket) candidate = normalisePath(`${bucket}/${text('prefix') ?? ''}/default.tfstate`);
      break;
    }
    case 'local':
      candidate = estatePath(text('path') ?? 'terraform.tfstate', u.dir);
      break;
    default:
      break;
  }
  return candidate !== null && paths.has(candidate) ? candidate : undefined;
}

function describe(backend: Record<string, unknown>): string {
  const { type, bucket, key, prefix } = backend as Record<string, string | undefined>;
  if (type === 's3' && bucket && key) return `s3://${bucket}/${normalisePath(key)}`;
  if (type === 'gcs' && bucket) return `gcs://${bucket}/${prefix ?? ''}`;
  return `a ${type ?? 'unknown'} backend`;
}
