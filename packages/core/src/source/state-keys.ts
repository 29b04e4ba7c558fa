/**
 * Which workspace an object of a bucket is, and where Terraform's backend keeps it, as the
 * backends lay states out. Every name is the object's path below the source's prefix without
 * `.tfstate` (`x/terraform.tfstate` is `x`), as a directory's files are named; a Terraform
 * workspace other than `default` is written `<name>@<workspace>`.
 */
export interface KeyedState {
  workspace: string;
  /** backend.ts's canonical address of the state. */
  backend: string;
  /** The path it has in a mirror of the bucket: `<bucket>/<key>`. */
  file: string;
}

const TFSTATE = /\.tfstate$/;

/**
 * S3 (`s3` backend): `<key>` is the default workspace; `<workspace_key_prefix>/<ws>/<key>`
 * (`env:/<ws>/<key>` by default) is the workspace `<ws>` of the configuration at `<key>`. The
 * address is the object's key either way: backend.ts puts a workspace's state exactly there.
 */
export function s3State(
  bucket: string,
  prefix: string,
  key: string,
  workspaceKeyPrefix = 'env:',
): KeyedState | null {
  if (!TFSTATE.test(key)) return null;
  const wkp = trimSlashes(workspaceKeyPrefix);
  let rel = key;
  let selected: string | null = null;
  if (wkp !== '' && key.startsWith(`${wkp}/`)) {
    const rest = key.slice(wkp.length + 1);
    const slash = rest.indexOf('/');
    if (slash > 0) {
      selected = rest.slice(0, slash);
      rel = rest.slice(slash + 1);
    }
  }
  const below = relativeTo(rel, prefix);
  if (below === null) return null;
  const name = stateName(below, lastSegment(prefix) || bucket);
  return {
    workspace: selected && selected !== 'default' ? `${name}@${selected}` : name,
    backend: `s3://${bucket}/${key}`,
    file: `${bucket}/${key}`,
  };
}

/** GCS (`gcs` backend): `<prefix>/<workspace>.tfstate`; `default.tfstate` is the configuration itself. */
export function gcsState(bucket: string, prefix: string, object: string): KeyedState | null {
  if (!TFSTATE.test(object)) return null;
  const below = relativeTo(object, prefix);
  if (below === null) return null;
  const slash = below.lastIndexOf('/');
  const dir = slash < 0 ? '' : below.slice(0, slash);
  const selected = below.slice(slash + 1).replace(TFSTATE, '');
  const name = dir || lastSegment(prefix) || bucket;
  return {
    workspace: selected === 'default' ? name : `${name}@${selected}`,
    backend: `gcs://${bucket}/${object}`,
    file: `${bucket}/${object}`,
  };
}

/** Azure Blob (`azurerm` backend): `<key>`, and `<key>env:<workspace>` for another workspace. */
export function azureState(
  account: string,
  container: string,
  prefix: string,
  blob: string,
): KeyedState | null {
  const env = /^(.*?\.tfstate)env:(.+)$/.exec(blob);
  const key = env ? (env[1] as string) : blob;
  if (!TFSTATE.test(key)) return null;
  const below = relativeTo(key, prefix);
  if (below === null) return null;
  const name = stateName(below, lastSegment(prefix) || container);
  const selected = env?.[2];
  return {
    workspace: selected && selected !== 'default' ? `${name}@${selected}` : name,
    backend: `azurerm://${account}/${container}/${blob}`,
    file: `${container}/${blob}`,
  };
}

/** HCP Terraform / Terraform Enterprise: a workspace of an organization (`remote` and `cloud` backends). */
export function tfcState(host: string, organization: string, workspace: string, isTfc: boolean): KeyedState {
  return {
    workspace,
    backend: `remote://${organization}/${workspace}`,
    file: `${isTfc ? 'tfc' : host}/${organization}/${workspace}/terraform.tfstate`,
  };
}

/** A path's workspace name, as directory discovery gives it: `a/b.tfstate` → `a/b`, `a/terraform.tfstate` → `a`. */
export function stateName(path: string, whenRoot: string): string {
  if (path === 'terraform.tfstate') return whenRoot;
  return path.replace(/(\/terraform)?\.tfstate$/, '');
}

function relativeTo(key: string, prefix: string): string | null {
  const p = trimSlashes(prefix);
  if (p === '') return key;
  return key.startsWith(`${p}/`) ? key.slice(p.length + 1) : null;
}

function lastSegment(prefix: string): string {
  const p = trimSlashes(prefix);
  return p.slice(p.lastIndexOf('/') + 1);
}

function trimSlashes(s: string): string {
  return s.replace(/^\/+|\/+$/g, '');
}
