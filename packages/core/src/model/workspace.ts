import type { Diagnostic } from './diagnostic.js';

/** Attribute values after redaction: secret values are replaced by {@link REDACTED}. */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type Attributes = { [key: string]: Value };

/** Stands where a secret value was. Never a value, never a hash. */
export const REDACTED = '(redacted)';

export interface ResourceInstance {
  /** Absolute Terraform address: `module.a.aws_x.y["k"]`. */
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  module?: string;
  provider?: string;
  attributes: Attributes;
  /** Absolute addresses this instance depends on (state `dependencies`, plan `depends_on`). */
  dependencies: string[];
  /** Paths (dotted) whose values were redacted. */
  redacted: string[];
  /** Keyed digests of redacted secret values, by attribute path (never the value). */
  digests?: Record<string, string>;
}

export interface OutputValue {
  name: string;
  /** Null when the output is sensitive: its value never leaves ingest. */
  value: Value;
  sensitive: boolean;
}

export const StateFormat = {
  v4: 'state-v4',
  v3: 'state-v3',
  show: 'show-json',
} as const;
export type StateFormat = (typeof StateFormat)[keyof typeof StateFormat];

export interface StateModel {
  file: string;
  format: StateFormat;
  terraformVersion?: string;
  serial?: number;
  lineage?: string;
  resources: ResourceInstance[];
  outputs: OutputValue[];
}

export interface ConfigReference {
  /** Attribute (dotted path within the block) holding the expression. */
  attribute: string;
  /** Terraform reference as `getReferencesInExpression` gives it: `aws_x.y.arn`, `data.t.n.outputs.o`. */
  ref: string;
}

export interface ConfigBlock {
  /** Address in its module, e.g. `aws_x.y` or `data.aws_x.y`. */
  address: string;
  kind: 'resource' | 'data' | 'output' | 'module' | 'variable' | 'local';
  type?: string;
  name: string;
  file: string;
  line: number;
  references: ConfigReference[];
  /** Literal (not computed) string attributes; values kept only for non-secret attributes. */
  literals: Record<string, string>;
  /** Secret-bearing attributes written as literals in HCL (value never kept). */
  hardcodedSecrets?: string[];
  sensitive?: boolean;
  ephemeral?: boolean;
  source?: string;
}

export interface BackendConfig {
  type: string;
  config: Record<string, Value>;
}

export interface ConfigModel {
  dir: string;
  files: string[];
  backend?: BackendConfig;
  blocks: ConfigBlock[];
}

export interface PlanResourceChange {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  module?: string;
  actions: string[];
  before: Attributes | null;
  after: Attributes | null;
  replacePaths: string[];
  actionReason?: string;
  deposed?: boolean;
}

export interface PlanOutputChange {
  name: string;
  actions: string[];
  sensitive: boolean;
}

export interface PlanModel {
  file: string;
  formatVersion: string;
  terraformVersion?: string;
  priorState?: StateModel;
  changes: PlanResourceChange[];
  outputChanges: PlanOutputChange[];
  /** Configuration blocks (outputs and resources with expression references) from the plan. */
  config?: ConfigModel;
  errored?: boolean;
}

export interface IngestResult<T> {
  value: T | null;
  diagnostics: Diagnostic[];
}
