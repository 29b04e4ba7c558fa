/** Builds one v4 state the way Terraform writes it: resources grouped by block, instances inside. */
export const AWS_PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
export const TF_PROVIDER = 'provider["terraform.io/builtin/terraform"]';
export const PRIVATE_NULL = 'bnVsbA==';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type SensitivePath = { type: 'get_attr'; value: string }[];

export interface RawInstance {
  index_key?: string | number;
  schema_version: number;
  attributes: { [key: string]: Json };
  sensitive_attributes: SensitivePath[];
  private?: string;
  dependencies?: string[];
}

export interface RawResource {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  provider: string;
  instances: RawInstance[];
}

export interface InstanceOptions {
  sensitive?: string[];
  dependencies?: string[];
  indexKey?: string | number;
  schemaVersion?: number;
}

export class StateBuilder {
  readonly resources: RawResource[] = [];
  private readonly blocks = new Map<string, RawResource>();
  instanceCount = 0;

  add(
    mode: 'managed' | 'data',
    type: string,
    name: string,
    attributes: { [key: string]: Json },
    options: InstanceOptions = {},
  ): string {
    const blockAddress = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    let block = this.blocks.get(blockAddress);
    if (!block) {
      block = {
        mode,
        type,
        name,
        provider: type === 'terraform_remote_state' ? TF_PROVIDER : AWS_PROVIDER,
        instances: [],
      };
      this.blocks.set(blockAddress, block);
      this.resources.push(block);
    }
    const instance: RawInstance = {
      ...(options.indexKey !== undefined ? { index_key: options.indexKey } : {}),
      schema_version: options.schemaVersion ?? 0,
      attributes: sortKeys(attributes),
      sensitive_attributes: (options.sensitive ?? []).map((value) => [{ type: 'get_attr', value }]),
    };
    if (mode === 'managed') instance.private = PRIVATE_NULL;
    if (options.dependencies && options.dependencies.length > 0)
      instance.dependencies = [...new Set(options.dependencies)].sort();
    block.instances.push(instance);
    this.instanceCount++;
    // State `dependencies` name blocks, not instances.
    return blockAddress;
  }

  toState(outputs: Record<string, { value: Json; sensitive?: boolean }>, serial: number, lineage: string) {
    const sortedOutputs: Record<string, Json> = {};
    for (const name of Object.keys(outputs).sort()) {
      const o = outputs[name]!;
      sortedOutputs[name] = {
        value: o.value,
        type: typeof o.value === 'string' ? 'string' : 'dynamic',
        ...(o.sensitive ? { sensitive: true } : {}),
      };
    }
    return {
      version: 4,
      terraform_version: '1.9.8',
      serial,
      lineage,
      outputs: sortedOutputs,
      resources: this.resources,
      check_results: null,
    };
  }
}

function sortKeys(o: { [key: string]: Json }): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k] as Json;
  return out;
}

export function tags(workspace: string, extra: Record<string, string> = {}): { [key: string]: Json } {
  return {
    tags: Object.keys(extra).length > 0 ? extra : null,
    tags_all: { ManagedBy: 'terraform', Workspace: workspace, ...extra },
  };
}
