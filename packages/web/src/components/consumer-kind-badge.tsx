import { CONSUMER_KIND_LABELS, type ConsumerKind } from '@impact/core';

/** What each kind of consumer only configuration shows means for when it notices. */
const TITLES: Record<ConsumerKind, string> = {
  provider:
    'a provider configuration reads it (or manages this): when the read fails, the workspace’s next plan fails',
  ephemeral: 'an ephemeral resource: read at every plan and apply, never stored in state',
  write_only:
    'a write-only argument is set from it: the value stays out of state, and the next plan reads it again',
  module_input: 'passed in as a module input: the resources inside read it through the module call',
  terragrunt_dependency: 'a Terragrunt dependency: the unit reads the producer’s output at every plan',
  kubernetes:
    'a Kubernetes object declared in Terraform (External Secrets, Secrets Store CSI, Helm) reads it',
};

/** The kind of a consumer only configuration shows, as a badge; nothing for any other. */
export function ConsumerKindBadge({ kind }: { kind: ConsumerKind | undefined }) {
  if (!kind) return null;
  return (
    <span className="badge consumer-kind" data-kind={kind} title={TITLES[kind]}>
      {CONSUMER_KIND_LABELS[kind]}
    </span>
  );
}
