import { linkAttributeReferences } from './link-attribute-references.js';
import { linkConfigReferences } from './link-config-references.js';
import type { Linker } from './link-context.js';
import { linkDependencies } from './link-dependencies.js';
import { linkEphemeralLookups } from './link-ephemeral-lookups.js';
import { linkKubernetes } from './link-kubernetes.js';
import { linkModuleCalls } from './link-module-calls.js';
import { linkOutputsByValue } from './link-outputs.js';
import { linkPolicies } from './link-policies.js';
import { linkProviders } from './link-providers.js';
import { linkRemoteState } from './link-remote-state.js';
import { linkRemoteStateReads } from './link-remote-state-reads.js';
import { linkSchedules } from './link-schedules.js';
import { linkSecretFacts } from './link-secret-facts.js';
import { linkTerragruntDependencies } from './link-terragrunt-dependencies.js';

/**
 * Every linker, in the order they run (after Terraform's ordered graph transformers): each adds
 * one kind of evidence. `estate` linkers need every workspace and run on the main thread;
 * `workspace` linkers read one workspace's attributes and run where its state was parsed (the
 * main thread, or an ingest worker whose evidence is replayed here, at this place in the list).
 * The one-thread builder and the workers walk this list and no other.
 */
export const LINKERS: readonly Linker[] = [
  { name: 'dependencies', unit: 'estate', run: linkDependencies },
  { name: 'remote-state', unit: 'estate', run: linkRemoteState },
  { name: 'terragrunt-dependencies', unit: 'estate', run: linkTerragruntDependencies },
  { name: 'config-references', unit: 'estate', run: linkConfigReferences },
  // Consumers only configuration shows: they read the identity index, complete before any linker runs.
  { name: 'module-calls', unit: 'estate', run: linkModuleCalls },
  { name: 'providers', unit: 'estate', run: linkProviders },
  { name: 'ephemeral-lookups', unit: 'estate', run: linkEphemeralLookups },
  { name: 'kubernetes', unit: 'estate', run: linkKubernetes },
  { name: 'attribute-references', unit: 'workspace', run: linkAttributeReferences },
  { name: 'remote-state-reads', unit: 'workspace', run: linkRemoteStateReads },
  { name: 'policies', unit: 'workspace', run: linkPolicies },
  // Outputs by value explain only the outputs that the linkers before it left unexplained.
  { name: 'schedules', unit: 'estate', run: linkSchedules },
  { name: 'outputs-by-value', unit: 'estate', run: linkOutputsByValue },
  { name: 'secret-facts', unit: 'estate', run: linkSecretFacts },
];
