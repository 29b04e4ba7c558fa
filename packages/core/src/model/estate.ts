import type { Diagnostic } from './diagnostic.js';
import type { TerragruntUnit } from './terragrunt.js';
import type { ConfigModel, StateModel } from './workspace.js';

export interface WorkspaceModel {
  name: string;
  /** Canonical backend address (see backend.ts), or null when unknown. */
  backend: string | null;
  /** State file path relative to the estate root. */
  stateFile?: string;
  /** Configuration directory relative to the estate root. */
  configDir?: string;
  state: StateModel | null;
  config: ConfigModel | null;
  /** The manifest's `account:` and `region:`: the scope of nodes whose ARNs do not tell it. */
  account?: string;
  region?: string;
  /** When the workspace is a Terragrunt unit: its dependencies and inputs. */
  terragrunt?: TerragruntUnit;
}

export interface Estate {
  /** Display name of where the estate came from (a directory or snapshot). */
  source: string;
  workspaces: WorkspaceModel[];
  diagnostics: Diagnostic[];
  ingestedAt: string;
}
