import type { Value } from '../model/workspace.js';

/**
 * Every string leaf of an attribute tree. Strings that hold JSON documents
 * (`container_definitions`, `container_properties`, policies) are parsed and walked, not grepped.
 * The leaf's path is built only when the visitor asks for it: most leaves match nothing, and
 * building every path string was a fifth of ingest's garbage.
 */
export function walkStrings(
  value: Value,
  root: string,
  visit: (s: string, path: () => string) => void,
): void {
  const stack: (string | number)[] = [];
  const path = (): string => {
    let out = root;
    for (const step of stack)
      out = typeof step === 'number' ? `${out}[${step}]` : out ? `${out}.${step}` : step;
    return out;
  };
  const walk = (v: Value, depth: number): void => {
    if (depth > 32) return;
    if (typeof v === 'string') {
      const c = v.length > 1 ? v.charCodeAt(0) : 0;
      // '{' or '[' (after optional whitespace, as Terraform's jsonencode never writes any)
      if (c === 123 || c === 91 || ((c === 32 || c === 10) && /^\s*[[{]/.test(v))) {
        const parsed = tryJson(v);
        if (parsed !== undefined) {
          walk(parsed, depth + 1);
          return;
        }
      }
      visit(v, path);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        stack.push(i);
        walk(v[i] as Value, depth + 1);
        stack.pop();
      }
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        stack.push(k);
        walk(v[k] as Value, depth + 1);
        stack.pop();
      }
    }
  };
  walk(value, 0);
}

function tryJson(s: string): Value | undefined {
  try {
    return JSON.parse(s) as Value;
  } catch {
    return undefined;
  }
}
