import type { Value } from '../model/workspace.js';

/**
 * Every string leaf of an attribute tree with its path. Strings that hold JSON documents
 * (`container_definitions`, `container_properties`, policies) are parsed and walked, not grepped.
 */
export function walkStrings(
  value: Value,
  path: string,
  visit: (s: string, path: string) => void,
  depth = 0,
): void {
  if (depth > 32) return;
  if (typeof value === 'string') {
    const t = value.trimStart();
    if ((t.startsWith('{') || t.startsWith('[')) && t.length > 1) {
      const parsed = tryJson(value);
      if (parsed !== undefined) {
        walkStrings(parsed, path, visit, depth + 1);
        return;
      }
    }
    visit(value, path);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walkStrings(value[i] as Value, `${path}[${i}]`, visit, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walkStrings(v, path ? `${path}.${k}` : k, visit, depth + 1);
  }
}

function tryJson(s: string): Value | undefined {
  try {
    return JSON.parse(s) as Value;
  } catch {
    return undefined;
  }
}
