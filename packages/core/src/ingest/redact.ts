import { type Attributes, REDACTED, type Value } from '../model/workspace.js';
import { isObject, type Json } from './raw-types.js';
import { isSecretAttributeName, secretAttributesOf } from './secret-attributes.js';
import { valueDigest } from './value-digest.js';

/** A sensitivity mask: `true` marks a sensitive subtree. Mirrors Terraform's `*_sensitive` values. */
export type Mask = true | { [key: string]: Mask } | Mask[];

export interface Redacted {
  attributes: Attributes;
  redacted: string[];
  digests: Record<string, string>;
}

/**
 * Drops every secret value from a resource's attributes: paths marked sensitive by Terraform,
 * attributes known to hold secrets, and attributes named like secrets. What remains is safe
 * to keep in memory for linking; a keyed digest of each dropped value is kept only to spot
 * one value shared by several secrets.
 */
export function redactAttributes(
  mode: 'managed' | 'data',
  type: string,
  attributes: Json,
  masks: readonly (Mask | undefined)[],
): Redacted {
  const out: Redacted = { attributes: {}, redacted: [], digests: {} };
  if (!isObject(attributes)) return out;
  const known = knownSecretAttributes(mode, type);
  const mask = mergeMasks(masks);
  for (const key in attributes) {
    const value = attributes[key] as Json;
    if (known.has(key) || (typeof value === 'string' && secretByName(key) && !looksLikeReference(value))) {
      out.attributes[key] = drop(value, key, out);
    } else {
      out.attributes[key] =
        mask === undefined ? (value as Value) : applyMask(value, subMask(mask, key), key, out);
    }
  }
  return out;
}

/** Per mode and type, and per attribute name: a state repeats a few hundred of each a million times. */
const knownByType = new Map<string, ReadonlySet<string>>();
const secretNames = new Map<string, boolean>();

function knownSecretAttributes(mode: 'managed' | 'data', type: string): ReadonlySet<string> {
  const key = `${mode}.${type}`;
  let known = knownByType.get(key);
  if (!known) {
    known = new Set(secretAttributesOf(mode, type));
    if (knownByType.size < 10_000) knownByType.set(key, known);
  }
  return known;
}

function secretByName(key: string): boolean {
  let secret = secretNames.get(key);
  if (secret === undefined) {
    secret = isSecretAttributeName(key);
    if (secretNames.size < 100_000) secretNames.set(key, secret);
  }
  return secret;
}

function subMask(mask: Mask | undefined, key: string): Mask | undefined {
  if (mask === undefined || mask === true) return mask;
  if (Array.isArray(mask)) return mask[Number(key)];
  return mask[key];
}

function looksLikeReference(value: string): boolean {
  return value === '' || value.startsWith('arn:') || value.startsWith('${');
}

function drop(value: Json, path: string, out: Redacted): Value {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return value as Value;
  if (isObject(value) && Object.keys(value).length === 0) return {};
  out.redacted.push(path);
  out.digests[path] = valueDigest(typeof value === 'string' ? value : JSON.stringify(value));
  return REDACTED;
}

function applyMask(value: Json, mask: Mask | undefined, path: string, out: Redacted): Value {
  if (mask === true) return drop(value, path, out);
  if (mask === undefined) return value as Value;
  if (Array.isArray(value)) {
    return value.map((item, i) => applyMask(item, subMask(mask, String(i)), `${path}[${i}]`, out));
  }
  if (isObject(value)) {
    const result: Record<string, Value> = {};
    for (const [k, v] of Object.entries(value))
      result[k] = applyMask(v, subMask(mask, k), `${path}.${k}`, out);
    return result;
  }
  return value as Value;
}

/** Converts a Terraform `*_sensitive` mirror (true / objects / arrays of them) into a mask. */
export function maskFromSensitiveValues(value: Json | undefined): Mask | undefined {
  if (value === true) return true;
  if (Array.isArray(value)) {
    const items = value.map((v) => maskFromSensitiveValues(v) ?? {});
    return items.some((m) => m === true || (isObject(m) && Object.keys(m).length > 0) || Array.isArray(m))
      ? items
      : undefined;
  }
  if (isObject(value)) {
    const result: Record<string, Mask> = {};
    for (const [k, v] of Object.entries(value)) {
      const m = maskFromSensitiveValues(v);
      if (m !== undefined) result[k] = m;
    }
    return Object.keys(result).length > 0 ? result : undefined;
  }
  return undefined;
}

/** Converts a state v4 `sensitive_attributes` list of paths into a mask. */
export function maskFromPaths(paths: Json | undefined): Mask | undefined {
  if (!Array.isArray(paths) || paths.length === 0) return undefined;
  let mask: Mask | undefined;
  for (const path of paths) {
    const steps = Array.isArray(path) ? path : isObject(path) && Array.isArray(path.path) ? path.path : null;
    if (!steps) continue;
    const keys: string[] = [];
    for (const step of steps) {
      if (!isObject(step)) break;
      const v = step.value;
      if (step.type === 'get_attr' && typeof v === 'string') keys.push(v);
      else if (step.type === 'index') {
        const inner = isObject(v) ? v.value : v;
        keys.push(String(inner));
      } else break;
    }
    if (keys.length === 0) return true;
    mask = mergeMasks([mask, pathMask(keys)]);
  }
  return mask;
}

function pathMask(keys: string[]): Mask {
  let mask: Mask = true;
  for (let i = keys.length - 1; i >= 0; i--) mask = { [keys[i] as string]: mask };
  return mask;
}

function mergeMasks(masks: readonly (Mask | undefined)[]): Mask | undefined {
  let result: Mask | undefined;
  for (const m of masks) result = merge(result, m);
  return result;
}

function merge(a: Mask | undefined, b: Mask | undefined): Mask | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a === true || b === true) return true;
  // Arrays and index steps are both addressed by key: normalise to objects keyed by index.
  const ao = toRecord(a);
  const bo = toRecord(b);
  const result: Record<string, Mask> = { ...ao };
  for (const [k, v] of Object.entries(bo)) result[k] = merge(result[k], v) as Mask;
  return result;
}

function toRecord(m: Mask): Record<string, Mask> {
  if (Array.isArray(m)) return Object.fromEntries(m.map((v, i) => [String(i), v]));
  return m as Record<string, Mask>;
}
