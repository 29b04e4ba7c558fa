import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type {
  Attributes,
  ConfigBlock,
  ConfigModel,
  ConfigReference,
  PlanModel,
  PlanOutputChange,
  PlanResourceChange,
} from '../model/workspace.js';
import { ingestShowState } from './ingest-values.js';
import { isObject, type Json, type JsonObject, type RawPlan } from './raw-types.js';
import { maskFromSensitiveValues, redactAttributes } from './redact.js';
import { modulePath } from './resource-address.js';

/** Reads `terraform show -json <planfile>` output (format 0.x and 1.x). */
export function ingestPlan(json: RawPlan, file: string, diagnostics: Diagnostic[]): PlanModel {
  const changes: PlanResourceChange[] = [];
  for (const rc of Array.isArray(json.resource_changes) ? json.resource_changes : []) {
    if (!isObject(rc as unknown as Json) || typeof rc.address !== 'string') {
      diagnostics.push(
        diagnostic('warning', 'plan.bad-change', 'a resource change lacks an address', { file }),
      );
      continue;
    }
    const change = isObject(rc.change as unknown as Json) ? rc.change : undefined;
    const mode = rc.mode === 'data' ? 'data' : 'managed';
    const type = typeof rc.type === 'string' ? rc.type : '';
    const side = (value: Json | undefined, sensitive: Json | undefined): Attributes | null =>
      isObject(value)
        ? redactAttributes(mode, type, value, [maskFromSensitiveValues(sensitive)]).attributes
        : null;
    const module = modulePath(rc.address);
    changes.push({
      address: rc.address,
      mode,
      type,
      name: typeof rc.name === 'string' ? rc.name : '',
      ...(module ? { module } : {}),
      actions: Array.isArray(change?.actions) ? change.actions.filter((a) => typeof a === 'string') : [],
      before: side(change?.before, change?.before_sensitive),
      after: side(change?.after, change?.after_sensitive),
      replacePaths: readReplacePaths(change?.replace_paths),
      ...(typeof rc.action_reason === 'string' ? { actionReason: rc.action_reason } : {}),
      ...(typeof rc.deposed === 'string' ? { deposed: true } : {}),
    });
  }
  const outputChanges: PlanOutputChange[] = [];
  if (isObject(json.output_changes as Json)) {
    for (const [name, oc] of Object.entries(json.output_changes ?? {})) {
      if (!isObject(oc as Json)) continue;
      outputChanges.push({
        name,
        actions: Array.isArray(oc.actions) ? oc.actions.filter((a) => typeof a === 'string') : [],
        sensitive: oc.before_sensitive === true || oc.after_sensitive === true,
      });
    }
  }
  const config = isObject(json.configuration) ? readConfiguration(json.configuration, file) : undefined;
  return {
    file,
    formatVersion: json.format_version,
    ...(typeof json.terraform_version === 'string' ? { terraformVersion: json.terraform_version } : {}),
    ...(isObject(json.prior_state as unknown as Json)
      ? { priorState: ingestShowState(json.prior_state!, file) }
      : {}),
    changes,
    outputChanges,
    ...(config ? { config } : {}),
    ...(json.errored === true ? { errored: true } : {}),
  };
}

function readReplacePaths(value: Json | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter(Array.isArray).map((path) => path.map(String).join('.'));
}

/** The plan's `configuration` carries every expression's references: the same facts HCL gives. */
function readConfiguration(configuration: JsonObject, file: string): ConfigModel {
  const blocks: ConfigBlock[] = [];
  if (isObject(configuration.root_module)) readConfigModule(configuration.root_module, '', file, blocks);
  return { dir: file, files: [file], blocks };
}

function readConfigModule(mod: JsonObject, prefix: string, file: string, blocks: ConfigBlock[]): void {
  const base = { file, line: 0, literals: {} };
  if (isObject(mod.outputs)) {
    for (const [name, out] of Object.entries(mod.outputs)) {
      if (!isObject(out)) continue;
      blocks.push({
        ...base,
        address: `${prefix}output.${name}`,
        kind: 'output',
        name,
        references: collectReferences(out.expression, 'value'),
        ...(out.sensitive === true ? { sensitive: true } : {}),
      });
    }
  }
  for (const r of Array.isArray(mod.resources) ? mod.resources : []) {
    if (!isObject(r) || typeof r.address !== 'string') continue;
    blocks.push({
      ...base,
      address: `${prefix}${r.address}`,
      kind: r.mode === 'data' ? 'data' : 'resource',
      ...(typeof r.type === 'string' ? { type: r.type } : {}),
      name: typeof r.name === 'string' ? r.name : '',
      references: collectReferences(r.expressions, ''),
    });
  }
  if (isObject(mod.module_calls)) {
    for (const [name, call] of Object.entries(mod.module_calls)) {
      if (!isObject(call)) continue;
      blocks.push({
        ...base,
        address: `${prefix}module.${name}`,
        kind: 'module',
        name,
        references: collectReferences(call.expressions, ''),
        ...(typeof call.source === 'string' ? { source: call.source } : {}),
      });
      if (isObject(call.module)) readConfigModule(call.module, `${prefix}module.${name}.`, file, blocks);
    }
  }
}

function collectReferences(expr: Json | undefined, path: string): ConfigReference[] {
  const out: ConfigReference[] = [];
  const walk = (node: Json | undefined, at: string): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, at);
    } else if (isObject(node)) {
      if (Array.isArray(node.references)) {
        for (const ref of node.references) if (typeof ref === 'string') out.push({ attribute: at, ref });
        return;
      }
      for (const [k, v] of Object.entries(node)) walk(v, at ? `${at}.${k}` : k);
    }
  };
  walk(expr, path);
  return out;
}
