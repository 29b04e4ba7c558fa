import type { EstateGraph } from '../graph/estate-graph.js';
import type { NodeAttributes } from '../model/graph-types.js';
import { parseNodeId } from '../model/node-id.js';
import { consumerKindOf } from './consumer-kind.js';
import type { PathStep } from './result-types.js';

/**
 * A module call or Terragrunt dependency that resources of its own workspace read through (a
 * local module's resources use the input; the unit's Terraform uses the variable, or passes it
 * on in an output): it only passes the value on, as a remote-state reader does. One that nothing
 * of its workspace reads through (a registry module, a unit whose Terraform is not on disk) is
 * the consumer.
 */
export function isConfigConduit(graph: EstateGraph, id: string, node: NodeAttributes): boolean {
  if (node.kind !== 'module' && node.kind !== 'dependency') return false;
  return graph.someInEdge(
    id,
    (_e, a, source) =>
      (a.kind === 'module_input' || a.kind === 'depends_on' || a.kind === 'output_of') &&
      parseNodeId(source).workspace === node.workspace,
  );
}

/**
 * What a consumer only configuration shows adds to the reason it breaks: when and how its
 * workspace notices. Empty for any other consumer.
 */
export function consumerNote(
  graph: EstateGraph,
  id: string,
  node: NodeAttributes,
  path: readonly PathStep[],
): string {
  const first = path[0];
  const kind = consumerKindOf(node, first);
  const ws = node.workspace;
  switch (kind) {
    case 'provider': {
      if (node.kind !== 'provider') {
        const provider = first ? (parseNodeId(first.to).address ?? first.to) : 'its provider';
        return `; it is managed by ${provider}, whose configuration fails: it cannot be planned or applied until that is fixed`;
      }
      let managed = 0;
      graph.forEachInEdge(id, (_e, a) => {
        if (a.kind === 'managed_by') managed++;
      });
      return `; ${node.address} is a provider configuration that reads it: ${ws}'s next plan fails${
        managed > 0
          ? `, for the ${managed} resource${managed === 1 ? '' : 's'} it manages and all the others`
          : ''
      }`;
    }
    case 'ephemeral':
      return `; an ephemeral resource, read at every plan and apply and never stored: ${ws}'s next plan fails`;
    case 'write_only':
      return `; its write-only ${first?.attribute.split(/[.[]/)[0]} reads it at every plan: ${ws}'s next plan fails (the value already set stays)`;
    case 'module_input':
      return node.kind === 'module'
        ? `; it is passed into ${node.address}, whose source is not on disk: what uses it inside is not known`
        : `; it reads it through the module input ${first ? (parseNodeId(first.to).address ?? '') : ''}`;
    case 'terragrunt_dependency':
      return `; a Terragrunt dependency: ${ws} passes it to its Terraform in its inputs, whose code is not on disk`;
    case 'kubernetes':
      return kubernetesNote(node, first?.attribute ?? '');
    default:
      return '';
  }
}

function kubernetesNote(node: NodeAttributes, attribute: string): string {
  if (node.type === 'helm_release') return '; named in a Helm release: its pods read it when they start';
  if (attribute.includes('objectName'))
    return '; a SecretProviderClass: the Secrets Store CSI driver mounts it when a pod starts, and new pods fail to start';
  return '; an ExternalSecret: the External Secrets Operator reads it at every refresh and the next one fails (the Kubernetes Secret keeps its last value)';
}
