import type { ResourceInstance, StateModel } from '../model/workspace.js';
import { readOutputs } from './ingest-state.js';
import { isObject, type Json } from './raw-types.js';
import { redactAttributes } from './redact.js';
import { resourceAddress } from './resource-address.js';

/**
 * Reads a legacy (Terraform 0.7–0.11) version 3 state. Attributes are flat (`tags.Name`);
 * they are kept flat, which is enough to link by ARN and name.
 */
export function ingestStateV3(json: { [key: string]: Json }, file: string): StateModel {
  const resources: ResourceInstance[] = [];
  const outputs = [];
  for (const mod of Array.isArray(json.modules) ? json.modules : []) {
    if (!isObject(mod)) continue;
    const path = Array.isArray(mod.path)
      ? mod.path.filter((p): p is string => typeof p === 'string').slice(1)
      : [];
    const module = path.map((p) => `module.${p}`).join('.');
    if (path.length === 0) outputs.push(...readOutputs(mod.outputs));
    if (!isObject(mod.resources)) continue;
    for (const [key, raw] of Object.entries(mod.resources)) {
      if (!isObject(raw) || !isObject(raw.primary)) continue;
      const m = /^(data\.)?([^.]+)\.([^.]+)(?:\.(\d+))?$/.exec(key);
      if (!m) continue;
      const mode = m[1] ? 'data' : 'managed';
      const type = m[2] as string;
      const name = m[3] as string;
      const { attributes, redacted, digests } = redactAttributes(
        mode,
        type,
        raw.primary.attributes ?? {},
        [],
      );
      resources.push({
        address: resourceAddress({
          module,
          mode,
          type,
          name,
          index: m[4] === undefined ? undefined : Number(m[4]),
        }),
        mode,
        type,
        name,
        ...(module ? { module } : {}),
        attributes,
        dependencies: [],
        redacted,
        ...(redacted.length > 0 ? { digests } : {}),
      });
    }
  }
  return {
    file,
    format: 'state-v3',
    ...(typeof json.terraform_version === 'string' ? { terraformVersion: json.terraform_version } : {}),
    ...(typeof json.serial === 'number' ? { serial: json.serial } : {}),
    ...(typeof json.lineage === 'string' ? { lineage: json.lineage } : {}),
    resources,
    outputs,
  };
}
