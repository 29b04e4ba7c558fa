import type { NodeAttributes, SecretFacts } from '../model/graph-types.js';
import type { Value } from '../model/workspace.js';

/** A string found in an attribute, where it was found: what a linker resolves to an identity. */
export interface Mention {
  path: string;
  value: string;
}

/** What a resource instance brings to the graph: its node, the identities it answers to, its dependencies. */
export interface ResourceFacts {
  node: NodeAttributes;
  /** The state's module address of the instance (`module.a["x"]`), when not in the root module. */
  module?: string;
  /** Extra identities beyond its `arn` and name (qualified ARNs, a service-managed secret's ARN). */
  aliases: string[];
  /** Absolute addresses it depends on (state `dependencies`). */
  dependencies: string[];
}

export interface OutputFacts {
  name: string;
  sensitive: boolean;
  /** The string leaves of a non-sensitive output's value (ARNs, names): never a sensitive one's. */
  strings: string[];
}

/** A `data "terraform_remote_state"` reader: where it reads, and the strings of its copy of the outputs. */
export interface RemoteStateFacts {
  /** Index of the reader among the state's resources. */
  index: number;
  backend: string;
  /** The backend settings that say where the state lives (bucket, key, …): never credentials. */
  config: Record<string, Value>;
  workspace: string | null;
  outputs: { name: string; strings: string[] }[];
}

/** EventBridge rules and targets, Scheduler schedules and Batch job definitions, by state index. */
export interface ScheduleFacts {
  rules: { index: number; name: string }[];
  jobDefinitions: { index: number; name: string }[];
  /** `aws_cloudwatch_event_target`: its rule's name and the strings of `arn`, `batch_target`, `ecs_target`, `input`. */
  targets: { index: number; rule: string; mentions: Mention[] }[];
  /** `aws_scheduler_schedule`: the strings of its `target`. */
  schedulers: { index: number; mentions: Mention[] }[];
}

/** What another resource says about a secret: its rotation, or its version's value (never the value). */
export type SecretContribution =
  | { index: number; secretId: string; kind: 'rotation'; rotation: NonNullable<SecretFacts['rotation']> }
  | {
      index: number;
      secretId: string;
      kind: 'version';
      valueInState: boolean;
      writeOnly: boolean;
      valueDigest?: string;
    };

/** A resource policy: the ARN it protects and the accounts its principals name (`*` for anyone). */
export interface GrantFacts {
  arn: string;
  accounts: string[];
}

/**
 * Everything the estate-wide linkers need of one workspace, extracted once from its state (in
 * the thread that parsed it): nodes with their scope, identities, and the few facts those
 * linkers read. No attribute values travel beyond this, so no linker needs an allowlist of them.
 */
export interface WorkspaceFacts {
  workspace: string;
  /** The workspace's own account and region, when its resources agree on one. */
  account: string;
  region: string;
  /** One per state resource, in state order. */
  resources: ResourceFacts[];
  outputs: OutputFacts[];
  remoteStates: RemoteStateFacts[];
  schedules: ScheduleFacts;
  secrets: SecretContribution[];
  grants: GrantFacts[];
}
