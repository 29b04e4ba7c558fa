/**
 * What a Terragrunt unit's configuration says about its producers, as read statically from its
 * `terragrunt.hcl` and the files it includes: its `dependency` blocks and which of its `inputs`
 * carry which of their outputs. `mock_outputs` are not read: they are placeholders, not evidence.
 */
export interface TerragruntUnit {
  /** The unit's `terragrunt.hcl`, relative to the estate directory. */
  file: string;
  dependencies: TerragruntDependency[];
  inputs: TerragruntInput[];
  /** `terraform { source = … }` as evaluated (a local path relative to the estate, or a URL). */
  source?: string;
}

export interface TerragruntDependency {
  name: string;
  /** `config_path`, resolved relative to the estate directory; absent when it cannot be evaluated. */
  configPath?: string;
  /** The workspace (unit) that directory is, when it is one of the estate's. */
  workspace?: string;
  /** Where the block is declared (the unit's file or an included one). */
  file: string;
  line: number;
}

export interface TerragruntInput {
  name: string;
  /** The dependency outputs its expression reads (`dependency.db.outputs.secret_arn`). */
  reads: { dependency: string; output: string }[];
  /** The literal identities it holds (an ARN, or a name for an input named like one). */
  literals: string[];
}
