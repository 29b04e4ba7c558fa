/** Plain data that lives on the graph. No secret value is ever stored here. */

export const NodeKind = {
  workspace: 'workspace',
  resource: 'resource',
  data: 'data',
  output: 'output',
  schedule: 'schedule',
  external: 'external',
  /** A provider configuration (`provider.postgresql`, `provider.postgresql.admin`): known from HCL only. */
  provider: 'provider',
  /** An ephemeral resource (`ephemeral.aws_secretsmanager_secret_version.db`): never in state. */
  ephemeral: 'ephemeral',
  /** A module call (`module.app`) that is passed something: what its resources read goes through it. */
  module: 'module',
  /** A Terragrunt `dependency` block of a unit (`dependency.secrets`): it reads the producer's outputs. */
  dependency: 'dependency',
} as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

export const EdgeKind = {
  depends_on: 'depends_on',
  reads_output: 'reads_output',
  output_of: 'output_of',
  lookup: 'lookup',
  arn_reference: 'arn_reference',
  iam_grant: 'iam_grant',
  schedules: 'schedules',
  rotates: 'rotates',
  encrypts: 'encrypts',
  replicates: 'replicates',
  policy_grants: 'policy_grants',
  remote_state: 'remote_state',
  /** A resource → the provider configuration that manages it: it cannot be planned without it. */
  managed_by: 'managed_by',
  /** A resource in a module → the module call whose input it uses (`var.x` ← `module.m.x`). */
  module_input: 'module_input',
} as const;
export type EdgeKind = (typeof EdgeKind)[keyof typeof EdgeKind];

/**
 * How sure a link is, strongest first. `ambiguous`: a name that matches several producers
 * because the consumer's account or region is unknown (the edge lists the candidates).
 * `guess`: a resource depends on a remote state, and which of its outputs it reads is unknown.
 */
export const Confidence = {
  reference: 'reference',
  exact: 'exact',
  arn_without_suffix: 'arn_without_suffix',
  name: 'name',
  wildcard: 'wildcard',
  ambiguous: 'ambiguous',
  guess: 'guess',
} as const;
export type Confidence = (typeof Confidence)[keyof typeof Confidence];

export interface SecretFacts {
  /** `secretsmanager` | `ssm` | `kms` */
  service: 'secretsmanager' | 'ssm' | 'kms';
  recoveryWindowDays?: number;
  rotation?: {
    enabled: boolean;
    lambdaArn?: string;
    days?: number;
    immediately?: boolean;
    schedule?: string;
  };
  kmsKeyId?: string;
  /** Managed by another service (RDS master user secret …): rotation is its business. */
  managedBy?: string;
  replicaRegions?: string[];
  /** SSM parameter type (SecureString …). */
  parameterType?: string;
  /** Whether the value sits in state in clear (we never keep it; we only know it was there). */
  valueInState?: boolean;
  /** Uses write-only arguments (`secret_string_wo`, `value_wo`). */
  writeOnly?: boolean;
  /** Keyed hash of the value, only to spot one value shared by several secrets. */
  valueDigest?: string;
}

export interface NodeAttributes {
  kind: NodeKind;
  workspace: string;
  /** Terraform address (absolute, with module path and index), or null for workspaces. */
  address: string | null;
  label: string;
  type?: string;
  provider?: string;
  /** Physical identity, used for linking and search. */
  arn?: string;
  name?: string;
  /** Where AWS resolves this node's names (see {@link ScopeSource} for how each was known). */
  region?: string;
  account?: string;
  /** How the weaker of account and region was known; absent when neither is. */
  scopeFrom?: ScopeSource;
  /**
   * Identity attributes (`name`, `arn`, `id`) Terraform marked sensitive: their values were
   * redacted, so the node is known by its address alone and nothing links to it by them.
   */
  identityRedacted?: string[];
  secret?: SecretFacts;
  /** For a schedule: the AWS expression and its time zone. */
  schedule?: { expression: string; timezone?: string; enabled?: boolean };
  /** Where the resource is declared in HCL, when the configuration was ingested. */
  source?: { file: string; line: number };
  /** Attributes whose secret value sat in state in clear (names only; the values were dropped). */
  valuesInState?: string[];
  /** Secret ARNs or names this node refers to that no workspace of the estate produces. */
  missingRefs?: string[];
  /**
   * Secret, parameter or key references that resolve to nothing in this node's scope and are not
   * `missingRefs` (an ARN in an account outside the estate, a name that exists only in other
   * accounts or regions): kept so a plan of a workspace the estate does not know yet can find them.
   */
  unresolvedRefs?: string[];
  /** Secret-bearing attributes written as literals in HCL (names only). */
  hardcodedSecrets?: string[];
  /** Output facts. */
  sensitive?: boolean;
  /** Workspace facts. */
  backend?: string;
  stateFile?: string;
  configDir?: string;
}

export interface EdgeAttributes {
  kind: EdgeKind;
  /** Attribute path where the evidence was found, e.g. `container_definitions[0].secrets[1].valueFrom`. */
  attribute: string;
  confidence: Confidence;
  /** Short human evidence, never a secret value (ARNs and names only). */
  evidence?: string;
  /** For an `ambiguous` edge: every producer the name matched (this edge's target among them). */
  candidates?: string[];
}

/**
 * How a node's account and region were known, strongest first: its own ARN; the other ARNs of
 * its workspace (what its provider deployed there, or `data.aws_caller_identity` / `aws_region`);
 * the manifest's `account:` / `region:`.
 */
export const ScopeSource = { arn: 'arn', workspace: 'workspace', manifest: 'manifest' } as const;
export type ScopeSource = (typeof ScopeSource)[keyof typeof ScopeSource];
