import type { Value } from '../model/workspace.js';

export type StringVisitor = (s: string, path: () => string) => void;

/**
 * Every string leaf of an attribute tree. Strings that hold JSON documents
 * (`container_definitions`, `container_properties`, policies) are parsed and walked, not grepped.
 * The leaf's path is built only when the visitor asks for it: most leaves match nothing, and
 * building every path string was a fifth of ingest's garbage. One walker serves every call, so
 * a walk allocates nothing but what the visitor does (a million resources have tens of millions
 * of attributes to walk).
 */
export function walkStrings(value: Value, root: string, visit: StringVisitor): void {
  const w = walker;
  // A visitor may start a walk of its own: give it a walker of its own.
  if (w.busy) {
    new Walker().run(value, root, visit);
    return;
  }
  w.run(value, root, visit);
}

class Walker {
  busy = false;
  private root = '';
  private readonly stack: (string | number)[] = [];
  private visit: StringVisitor = () => {};
  /** The path of the leaf being visited, `root.key[0].name`, built on demand. */
  readonly path = (): string => {
    let out = this.root;
    for (const step of this.stack)
      out = typeof step === 'number' ? `${out}[${step}]` : out ? `${out}.${step}` : step;
    return out;
  };

  run(value: Value, root: string, visit: StringVisitor): void {
    this.busy = true;
    this.root = root;
    this.visit = visit;
    this.stack.length = 0;
    try {
      this.walk(value, 0);
    } finally {
      this.busy = false;
      this.visit = noop;
    }
  }

  private walk(v: Value, depth: number): void {
    if (depth > 32) return;
    if (typeof v === 'string') {
      const c = v.length > 1 ? v.charCodeAt(0) : 0;
      // '{' or '[' (after optional whitespace, as Terraform's jsonencode never writes any)
      if (c === 123 || c === 91 || ((c === 32 || c === 10) && /^\s*[[{]/.test(v))) {
        const parsed = tryJson(v);
        if (parsed !== undefined) {
          this.walk(parsed, depth + 1);
          return;
        }
      }
      this.visit(v, this.path);
    } else if (Array.isArray(v)) {
      const stack = this.stack;
      for (let i = 0; i < v.length; i++) {
        stack.push(i);
        this.walk(v[i] as Value, depth + 1);
        stack.pop();
      }
    } else if (v !== null && typeof v === 'object') {
      const stack = this.stack;
      for (const k in v) {
        stack.push(k);
        this.walk(v[k] as Value, depth + 1);
        stack.pop();
      }
    }
  }
}

const noop: StringVisitor = () => {};
const walker = new Walker();

function tryJson(s: string): Value | undefined {
  try {
    return JSON.parse(s) as Value;
  } catch {
    return undefined;
  }
}
