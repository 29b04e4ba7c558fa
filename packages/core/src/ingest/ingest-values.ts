import type { ResourceInstance, StateModel } from '../model/workspace.js';
import { readOutputs } from './ingest-state.js';
import { isObject, type RawShowState, type RawValuesModule } from './raw-types.js';
import { maskFromSensitiveValues, redactAttributes } from './redact.js';
import { modulePath } from './resource-address.js';

/** Reads `terraform show -json` state output (also a plan's `prior_state`). */
export function ingestShowState(json: RawShowState, file: string): StateModel {
  const resources: ResourceInstance[] = [];
  if (isObject(json.values) && isObject(json.values.root_module))
    readModule(json.values.root_module, resources);
  return {
    file,
    format: 'show-json',
    ...(typeof json.terraform_version === 'string' ? { terraformVersion: json.terraform_version } : {}),
    resources,
    outputs: readOutputs(isObject(json.values) ? json.values.outputs : undefined),
  };
}

function readModule(mod: RawValuesModule, into: ResourceInstance[]): void {
  for (const r of Array.isArray(mod.resources) ? mod.resources : []) {
    if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string') continue;
    const mode = r.mode === 'data' ? 'data' : 'managed';
    const { attributes, redacted, digests } = redactAttributes(mode, r.type, r.values ?? {}, [
      maskFromSensitiveValues(r.sensitive_values),
    ]);
    const module = modulePath(r.address);
    into.push({
      address: r.address,
      mode,
      type: r.type,
      name: typeof r.name === 'string' ? r.name : '',
      ...(module ? { module } : {}),
      ...(typeof r.provider_name === 'string' ? { provider: r.provider_name } : {}),
      attributes,
      dependencies: Array.isArray(r.depends_on) ? r.depends_on.filter((d) => typeof d === 'string') : [],
      redacted,
      ...(redacted.length > 0 ? { digests } : {}),
    });
  }
  for (const child of Array.isArray(mod.child_modules) ? mod.child_modules : []) {
    if (isObject(child)) readModule(child, into);
  }
}
