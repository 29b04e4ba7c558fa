import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { OutputValue, ResourceInstance, StateModel, Value } from '../model/workspace.js';
import { isObject, type Json, type RawStateResource, type RawStateV4 } from './raw-types.js';
import { maskFromPaths, redactAttributes } from './redact.js';
import { resourceAddress } from './resource-address.js';

/** Reads a Terraform state file (format version 4; version 3 read in its flat form). */
export function ingestStateV4(json: RawStateV4, file: string, diagnostics: Diagnostic[]): StateModel {
  const resources: ResourceInstance[] = [];
  for (const raw of Array.isArray(json.resources) ? json.resources : []) {
    if (!isObject(raw as unknown as Json) || typeof raw.type !== 'string' || typeof raw.name !== 'string') {
      diagnostics.push(
        diagnostic('warning', 'state.bad-resource', 'a resource entry lacks type or name', { file }),
      );
      continue;
    }
    readResource(raw, resources);
  }
  return {
    file,
    format: 'state-v4',
    ...(typeof json.terraform_version === 'string' ? { terraformVersion: json.terraform_version } : {}),
    ...(typeof json.serial === 'number' ? { serial: json.serial } : {}),
    ...(typeof json.lineage === 'string' ? { lineage: json.lineage } : {}),
    resources,
    outputs: readOutputs(json.outputs),
  };
}

function readResource(raw: RawStateResource, into: ResourceInstance[]): void {
  const mode = raw.mode === 'data' ? 'data' : 'managed';
  for (const instance of Array.isArray(raw.instances) ? raw.instances : []) {
    if (!isObject(instance as unknown as Json)) continue;
    // Deposed objects are leftovers of a create-before-destroy; the current object is what consumers see.
    if (typeof instance.deposed === 'string') continue;
    const { attributes, redacted, digests } = redactAttributes(
      mode,
      raw.type,
      instance.attributes ?? flat(instance.attributes_flat),
      [maskFromPaths(instance.sensitive_attributes)],
    );
    into.push({
      address: resourceAddress({
        module: raw.module,
        mode,
        type: raw.type,
        name: raw.name,
        index: instance.index_key,
      }),
      mode,
      type: raw.type,
      name: raw.name,
      ...(raw.module ? { module: raw.module } : {}),
      ...(raw.provider ? { provider: raw.provider } : {}),
      attributes,
      dependencies: Array.isArray(instance.dependencies)
        ? instance.dependencies.filter((d) => typeof d === 'string')
        : [],
      redacted,
      ...(redacted.length > 0 ? { digests } : {}),
    });
  }
}

function flat(attributes: Record<string, string> | undefined): Json {
  return attributes && typeof attributes === 'object' ? attributes : {};
}

export function readOutputs(outputs: unknown): OutputValue[] {
  if (!isObject(outputs)) return [];
  const result: OutputValue[] = [];
  for (const [name, raw] of Object.entries(outputs)) {
    if (!isObject(raw)) continue;
    const sensitive = raw.sensitive === true;
    result.push({ name, sensitive, value: sensitive ? null : ((raw.value ?? null) as Value) });
  }
  return result;
}
