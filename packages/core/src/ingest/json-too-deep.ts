/**
 * Deepest nesting of arrays and objects impact reads. Terraform's deepest real documents (a
 * plan's module tree, WAF rules nested in rules) stay within a few dozen levels; the walkers
 * that follow (redaction, module trees, snapshots, `JSON.stringify`) recurse, so a document
 * nested thousands of levels deep is refused here rather than overflowing the stack later.
 */
export const MAX_JSON_DEPTH = 256;

/** Whether `value` nests arrays and objects deeper than `max`; iterative, so any depth is safe. */
export function jsonTooDeep(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const v = stack.pop() as object;
    const depth = depths.pop() as number;
    if (depth > max) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child: unknown = v[i];
        if (child !== null && typeof child === 'object') {
          stack.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const k in v) {
        const child: unknown = (v as Record<string, unknown>)[k];
        if (child !== null && typeof child === 'object') {
          stack.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
