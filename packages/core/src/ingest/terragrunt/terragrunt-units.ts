import { type Diagnostic, diagnostic } from '../../model/diagnostic.js';
import type { TerragruntUnit } from '../../model/terragrunt.js';
import type { Value } from '../../model/workspace.js';
import type { TerragruntFiles } from './evaluate-terragrunt.js';
import { readTerragruntUnit, type UnitRead } from './read-terragrunt-unit.js';
import { dirOf } from './tg-path.js';

/** A unit of a Terragrunt tree, as a workspace of the estate. */
export interface TerragruntWorkspace {
  /** Named by its directory, relative to the estate. */
  name: string;
  dir: string;
  unit: TerragruntUnit;
  /** `type` and the settings that locate its state, when its `remote_state` could be evaluated. */
  backend?: Record<string, Value>;
  /** Its Terraform, when on disk in the estate. */
  configDir?: string;
}

/**
 * The units of a Terragrunt tree: every `terragrunt.hcl` that no other includes (a root
 * `terragrunt.hcl`, the layout before `root.hcl`, is included, not run), each a workspace named by
 * its directory, its dependencies resolved to the units they name.
 */
export async function terragruntUnits(
  configs: readonly string[],
  files: TerragruntFiles,
  rootName: string,
  diagnostics: Diagnostic[],
): Promise<TerragruntWorkspace[]> {
  const reads = new Map<string, { read: UnitRead; diagnostics: Diagnostic[] }>();
  for (const file of configs.filter((f) => f === 'terragrunt.hcl' || f.endsWith('/terragrunt.hcl')).sort()) {
    const local: Diagnostic[] = [];
    reads.set(file, { read: await readTerragruntUnit(file, files, local), diagnostics: local });
  }
  const included = new Set([...reads.values()].flatMap((r) => r.read.includes));
  const units = [...reads.entries()].filter(([file]) => !included.has(file));
  const nameOf = (dir: string) => (dir === '' ? rootName : dir);
  const unitDirs = new Set(units.map(([file]) => dirOf(file)));
  const out: TerragruntWorkspace[] = [];
  // A file several units include is evaluated for each: what it cannot say is said once.
  const said = new Set<string>();
  for (const [file, { read, diagnostics: local }] of units) {
    for (const d of local) {
      const key = `${d.code}|${d.file}|${d.message}`;
      if (said.has(key)) continue;
      said.add(key);
      diagnostics.push(d);
    }
    const dir = dirOf(file);
    const unit: TerragruntUnit = {
      file,
      dependencies: read.dependencies.map((d) =>
        d.configPath !== undefined && unitDirs.has(d.configPath)
          ? { ...d, workspace: nameOf(d.configPath) }
          : d,
      ),
      inputs: read.inputs,
      ...(read.source !== undefined ? { source: read.source } : {}),
    };
    out.push({
      name: nameOf(dir),
      dir,
      unit,
      ...(read.backend ? { backend: read.backend } : {}),
      ...(read.configDir !== undefined ? { configDir: read.configDir } : {}),
    });
  }
  for (const file of configs)
    if (file.endsWith('terragrunt.stack.hcl'))
      diagnostics.push(
        diagnostic(
          'info',
          'terragrunt.stack',
          'a Terragrunt stack: its units exist once `terragrunt stack generate` has written them, and are read then',
          { file },
        ),
      );
  return out;
}
