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
  /**
   * Address in its module, e.g. `aws_x.y`, `data.aws_x.y`, `ephemeral.aws_x.y`, `module.m`, or
   * `provider.postgresql` / `provider.postgresql.admin` for a provider configuration (its alias last).
   */
  address: string;
  kind: 'resource' | 'data' | 'ephemeral' | 'output' | 'module' | 'variable' | 'local' | 'provider';
  /** Resource type; for a provider, its local name (`postgresql`). */
  type?: string;
  name: string;
  file: string;
  line: number;
  references: ConfigReference[];
  /**
   * Literal (not computed) string attributes; values kept only for non-secret attributes. A module
   * call's and a local's are identities only (an ARN, or an input named like `*_arn`, `*_name`,
   * `*_id`), keyed by input (`db_secret_arn`, `names[1]`); a local's is keyed `value`.
   */
  literals: Record<string, string>;
  /** Write-only arguments set (`password_wo`, `secret_string_wo`): their values never reach state. */
  writeOnly?: string[];
  /** What a Kubernetes object declared through Terraform says about the secrets it reads. */
  kubernetes?: KubernetesFacts;
  /** Secret-bearing attributes written as literals in HCL (value never kept). */
  hardcodedSecrets?: string[];
  sensitive?: boolean;
  ephemeral?: boolean;
  source?: string;
}

/**
 * The secret-naming parts of a Kubernetes object declared in Terraform (`kubernetes_manifest`,
 * `kubectl_manifest`, `helm_release`): External Secrets Operator's `ExternalSecret` and
 * `ClusterExternalSecret` (`remoteRef.key`, `dataFrom[].extract.key`), their `SecretStore` /
 * `ClusterSecretStore` (provider service and region), the Secrets Store CSI driver's
 * `SecretProviderClass` (`parameters.objects[].objectName`), a Helm release's values and `set`
 * entries that name a secret. Names and ARNs only: never a value.
 */
export interface KubernetesFacts {
  /** `ExternalSecret`, `ClusterExternalSecret`, `SecretStore`, `ClusterSecretStore`, `SecretProviderClass`, or `HelmRelease`. */
  kind: string;
  /** `metadata.name` when it is a literal. */
  name?: string;
  /** The store an ExternalSecret reads through (`secretStoreRef`). */
  store?: { kind: string; name: string };
  /** A store's (or a SecretProviderClass's) AWS region, when it is a literal. */
  region?: string;
  /** A store's AWS service: `SecretsManager` or `ParameterStore`. */
  service?: string;
  /** The secrets it names, at their path in the object: a literal name or ARN, or the references of an expression. */
  keys: { path: string; value?: string; refs?: string[] }[];
  /** An ExternalSecret's Kubernetes Secret (`spec.target.name`, else its own name): what pods and charts read. */
  target?: string;
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
  /** `required_providers`: local name → source type (`pg` → `postgresql`), where they differ. */
  providerTypes?: Record<string, string>;
  /** Local modules read from disk, by call name (`module.app` → `app`), each with its own. */
  modules?: Record<string, ConfigModel>;
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
