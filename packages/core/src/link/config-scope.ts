import type { ConfigBlock, ConfigModel } from '../model/workspace.js';

/**
 * One module of a workspace's configuration: the root, or a local module read from disk, with
 * the call that feeds its variables. Addresses inside it are prefixed with its path, as
 * Terraform prints them (`module.app.aws_x.y`).
 */
export interface ConfigScope {
  workspace: string;
  config: ConfigModel;
  /** '' for the root module, else `module.a` or `module.a.module.b`. */
  path: string;
  /** The module call and the scope it is made in; absent for the root module. */
  call?: { block: ConfigBlock; parent: ConfigScope };
  blocks: ReadonlyMap<string, ConfigBlock>;
}

export function rootScope(workspace: string, config: ConfigModel): ConfigScope {
  return { workspace, config, path: '', blocks: blocksOf(config) };
}

/** The scope of local module `name` called from `parent`, when its source was read. */
export function childScope(parent: ConfigScope, name: string): ConfigScope | undefined {
  const config = parent.config.modules?.[name];
  const block = parent.blocks.get(`module.${name}`);
  if (!config || !block) return undefined;
  return {
    workspace: parent.workspace,
    config,
    path: inScope(parent, `module.${name}`),
    call: { block, parent },
    blocks: blocksOf(config),
  };
}

/** The root scope and every local module under it, parents first. */
export function* allScopes(root: ConfigScope): Generator<ConfigScope> {
  yield root;
  for (const name of Object.keys(root.config.modules ?? {}).sort()) {
    const child = childScope(root, name);
    if (child) yield* allScopes(child);
  }
}

/** An address of a block of `scope`, as Terraform prints it from the root. */
export function inScope(scope: ConfigScope, address: string): string {
  return scope.path === '' ? address : `${scope.path}.${address}`;
}

const cache = new WeakMap<ConfigModel, ReadonlyMap<string, ConfigBlock>>();

function blocksOf(config: ConfigModel): ReadonlyMap<string, ConfigBlock> {
  let blocks = cache.get(config);
  if (!blocks) {
    blocks = new Map(config.blocks.map((b) => [b.address, b] as const));
    cache.set(config, blocks);
  }
  return blocks;
}
