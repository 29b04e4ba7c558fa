/**
 * The block a Terraform reference points at, in its module:
 * `aws_x.y.arn` → `aws_x.y`, `data.t.n.outputs.o` → `data.t.n`, `ephemeral.t.n.value` → `ephemeral.t.n`,
 * `module.m.out` → `module.m`.
 * `var.*`, `local.*`, `each.*`, `count.*`, `path.*`, `self.*` point at no resource.
 */
export function referenceTarget(ref: string): { block: string; rest: string[] } | null {
  const parts = ref.split('.');
  const [head] = parts;
  if (!head || ['var', 'local', 'each', 'count', 'path', 'self', 'terraform'].includes(head)) return null;
  if (head === 'data' || head === 'ephemeral') {
    if (parts.length < 3) return null;
    return { block: parts.slice(0, 3).join('.'), rest: dropIndex(parts.slice(3)) };
  }
  if (head === 'module') {
    if (parts.length < 2) return null;
    return { block: parts.slice(0, 2).join('.'), rest: dropIndex(parts.slice(2)) };
  }
  if (parts.length < 2) return null;
  return { block: parts.slice(0, 2).join('.'), rest: dropIndex(parts.slice(2)) };
}

function dropIndex(rest: string[]): string[] {
  return /^\d+$/.test(rest[0] ?? '') || /^\[/.test(rest[0] ?? '') ? rest.slice(1) : rest;
}
