import type { Value } from './workspace.js';

/**
 * Where a state lives, in one canonical string form, so that a `terraform_remote_state`
 * reader and the workspace it reads meet on the same string.
 *   s3://bucket/key            s3://bucket/<workspace_key_prefix>/<workspace>/key
 *   gcs://bucket/<prefix>/<workspace>.tfstate
 *   azurerm://account/container/key[env:<workspace>]
 *   remote://organization/workspace
 *   local://path/relative/to/estate/root
 */
export type BackendSettings = Record<string, Value>;

export function backendAddress(
  type: string,
  settings: BackendSettings,
  workspace?: string | null,
): string | null {
  const str = (key: string): string | undefined => {
    const v = settings[key];
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const ws = workspace && workspace !== 'default' ? workspace : (str('workspace') ?? null);
  const selected = ws && ws !== 'default' ? ws : null;
  switch (type) {
    case 's3': {
      const bucket = str('bucket');
      const key = str('key');
      if (!bucket || !key) return null;
      if (!selected) return `s3://${bucket}/${trimSlashes(key)}`;
      // Terraform's s3 backend stores non-default workspaces at <workspace_key_prefix>/<workspace>/<key>.
      return `s3://${bucket}/${trimSlashes(str('workspace_key_prefix') ?? 'env:')}/${selected}/${trimSlashes(key)}`;
    }
    case 'gcs': {
      const bucket = str('bucket');
      if (!bucket) return null;
      const prefix = trimSlashes(str('prefix') ?? '');
      return `gcs://${bucket}/${prefix ? `${prefix}/` : ''}${selected ?? 'default'}.tfstate`;
    }
    case 'azurerm': {
      const account = str('storage_account_name');
      const container = str('container_name');
      const key = str('key');
      if (!account || !container || !key) return null;
      return `azurerm://${account}/${container}/${key}${selected ? `env:${selected}` : ''}`;
    }
    case 'remote':
    case 'cloud': {
      const org = str('organization');
      const w = settings.workspaces;
      const block = Array.isArray(w) ? w[0] : w;
      const obj = block && typeof block === 'object' && !Array.isArray(block) ? block : {};
      const name = typeof obj.name === 'string' ? obj.name : undefined;
      const prefix = typeof obj.prefix === 'string' ? obj.prefix : undefined;
      const resolved =
        name ?? (prefix && selected ? `${prefix}${selected}` : (str('workspace') ?? undefined));
      if (!org || !resolved) return null;
      return `remote://${org}/${resolved}`;
    }
    case 'local': {
      const path = str('path');
      return path ? `local://${normalisePath(path)}` : null;
    }
    default:
      return null;
  }
}

function trimSlashes(s: string): string {
  return s.replace(/^\/+|\/+$/g, '');
}

/** POSIX normalisation of a relative path (no Node import: this file is shared with the browser). */
export function normalisePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
