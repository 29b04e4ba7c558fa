import type { EdgeKind, NodeKind } from '../model/graph-types.js';

/**
 * How a consumer that only configuration shows reads what it depends on: as a provider
 * configuration (or a resource that provider manages), an ephemeral resource, a write-only
 * argument, a module input, a Terragrunt dependency, or a Kubernetes object declared in Terraform.
 */
export const ConsumerKind = {
  provider: 'provider',
  ephemeral: 'ephemeral',
  write_only: 'write_only',
  module_input: 'module_input',
  terragrunt_dependency: 'terragrunt_dependency',
  kubernetes: 'kubernetes',
} as const;
export type ConsumerKind = (typeof ConsumerKind)[keyof typeof ConsumerKind];

/** How each kind is named to a reader. */
export const CONSUMER_KIND_LABELS: Record<ConsumerKind, string> = {
  provider: 'provider',
  ephemeral: 'ephemeral',
  write_only: 'write-only',
  module_input: 'module input',
  terragrunt_dependency: 'Terragrunt dependency',
  kubernetes: 'Kubernetes',
};

/** Resource types that declare a Kubernetes object (its manifest, or a Helm chart's values). */
export const KUBERNETES_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'kubernetes_manifest',
  'kubectl_manifest',
  'helm_release',
]);

/**
 * The consumer kind of a node, from its kind and type, or from the first step of the path it is
 * reached by (a resource read through a module input, a write-only argument, its provider).
 * Undefined for consumers the state shows as they are.
 */
export function consumerKindOf(
  node: { kind: NodeKind; type?: string | undefined },
  first?: { kind: EdgeKind; attribute: string },
): ConsumerKind | undefined {
  switch (node.kind) {
    case 'provider':
      return 'provider';
    case 'ephemeral':
      return 'ephemeral';
    case 'module':
      return 'module_input';
    case 'dependency':
      return 'terragrunt_dependency';
    default:
      break;
  }
  if (node.type !== undefined && KUBERNETES_RESOURCE_TYPES.has(node.type)) return 'kubernetes';
  if (!first) return undefined;
  if (first.kind === 'module_input') return 'module_input';
  if (first.kind === 'managed_by') return 'provider';
  if (isWriteOnly(first.attribute)) return 'write_only';
  return undefined;
}

/** Whether an attribute path starts with a write-only argument (`password_wo`, `secret_string_wo`). */
export function isWriteOnly(attribute: string): boolean {
  const head = attribute.split(/[.[]/)[0] ?? '';
  return head.endsWith('_wo');
}
