/**
 * Raw Terraform JSON as written on disk. These types stay inside ingest/:
 * readers ignore unknown fields (Terraform's own contract for its JSON formats).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface RawStateV4 {
  version: 4;
  terraform_version?: string;
  serial?: number;
  lineage?: string;
  outputs?: Record<string, { value: Json; type?: Json; sensitive?: boolean }>;
  resources?: RawStateResource[];
  check_results?: Json;
}

export interface RawStateResource {
  module?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  provider?: string;
  each?: string;
  instances?: RawStateInstance[];
}

export interface RawPathStep {
  type: 'get_attr' | 'index';
  value: Json;
}

export interface RawStateInstance {
  index_key?: string | number;
  schema_version?: number;
  attributes?: JsonObject;
  attributes_flat?: Record<string, string>;
  sensitive_attributes?: Json;
  dependencies?: string[];
  status?: string;
  deposed?: string;
}

/** `terraform show -json` values (state or planned values). */
export interface RawValuesModule {
  address?: string;
  resources?: RawValuesResource[];
  child_modules?: RawValuesModule[];
}

export interface RawValuesResource {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  provider_name?: string;
  values?: JsonObject;
  sensitive_values?: Json;
  depends_on?: string[];
}

export interface RawShowState {
  format_version: string;
  terraform_version?: string;
  values?: {
    outputs?: Record<string, { value?: Json; sensitive?: boolean; type?: Json }>;
    root_module?: RawValuesModule;
  };
}

export interface RawResourceChange {
  address: string;
  previous_address?: string;
  module_address?: string;
  mode?: 'managed' | 'data';
  type?: string;
  name?: string;
  index?: string | number;
  provider_name?: string;
  deposed?: string;
  change?: {
    actions?: string[];
    before?: Json;
    after?: Json;
    before_sensitive?: Json;
    after_sensitive?: Json;
    after_unknown?: Json;
    replace_paths?: Json;
  };
  action_reason?: string;
}

export interface RawPlan {
  format_version: string;
  terraform_version?: string;
  prior_state?: RawShowState;
  planned_values?: { root_module?: RawValuesModule; outputs?: Json };
  resource_changes?: RawResourceChange[];
  resource_drift?: RawResourceChange[];
  output_changes?: Record<
    string,
    { actions?: string[]; before?: Json; after?: Json; before_sensitive?: Json; after_sensitive?: Json }
  >;
  configuration?: JsonObject;
  errored?: boolean;
  timestamp?: string;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
