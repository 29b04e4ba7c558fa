/**
 * What each unresolved-reference counter of the ingest (`/api/health` → `counts.unresolved`)
 * means, and what settles it. Every counter core's linkers raise has an entry; a test keeps it so.
 */
export const UNRESOLVED_REASONS: Readonly<Record<string, { means: string; settle: string }>> = {
  remote_state: {
    means:
      'A terraform_remote_state reader whose backend (bucket and key, organization and workspace…) is not a workspace of the estate.',
    settle: 'Add the state it reads to the estate, or check the reader’s backend settings.',
  },
  secret_reference: {
    means:
      'An ARN or name of a secret, parameter or key in an account of the estate that no workspace produces.',
    settle:
      'Ingest the workspace that creates it; if none does, the consumer reads something created by hand, or already gone.',
  },
  out_of_scope: {
    means:
      'A name or suffix-less ARN that exists only in another account or region than the consumer’s. AWS resolves names in the consumer’s own account and region, so it is not linked.',
    settle:
      'Use the full ARN if the consumer really reads across accounts, or check which account and region the consumer runs in.',
  },
  ambiguous: {
    means:
      'A name that fits more than ten producers while the consumer’s account or region is unknown: not linked.',
    settle:
      'Give the workspace its account: and region: in impact.yaml, or let its state show them (an ARN of its own).',
  },
  ambiguous_pattern: {
    means:
      'An IAM wildcard that spans several accounts, in a policy whose own account is unknown: not linked.',
    settle: 'Give the policy’s workspace its account: in impact.yaml, or narrow the pattern.',
  },
  outside_estate: {
    means: 'A secret, parameter or key ARN in an account outside the estate.',
    settle: 'Ingest that account’s states if it is yours; otherwise it is a dependency impact cannot see.',
  },
  unknown_name: {
    means:
      'An ECS or Batch secret’s valueFrom naming a secret or parameter that nothing in the estate produces.',
    settle:
      'Ingest the workspace that creates it; impact keeps the name, so a plan of that workspace still finds this consumer.',
  },
  missing_output: {
    means: 'A reader of a remote-state output its producer does not have: its next plan fails.',
    settle: 'Add the output to the producer, or remove the read from the consumer.',
  },
  missing_endpoint: {
    means:
      'Evidence whose other end is not in the graph (a node removed or never ingested): counted, never dropped.',
    settle: 'Check the diagnostics below for the file that did not ingest.',
  },
  schedule_target: {
    means: 'An EventBridge target whose rule is not in its workspace, so when it runs is unknown.',
    settle: 'Ingest the workspace that holds the rule, or move the target beside it.',
  },
  terragrunt_dependency: {
    means:
      'A Terragrunt dependency whose config_path names no unit of the estate, or cannot be evaluated statically: what it reads is unknown.',
    settle:
      'Ingest the tree that holds that unit (the estate directory must contain both), or see the terragrunt.unevaluated diagnostic for the expression.',
  },
};
