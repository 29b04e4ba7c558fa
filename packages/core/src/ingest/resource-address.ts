/** Absolute resource instance address as Terraform prints it: `module.a.data.aws_x.y["k"]`. */
export function resourceAddress(parts: {
  module?: string | undefined;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number | undefined;
}): string {
  const base = `${parts.mode === 'data' ? 'data.' : ''}${parts.type}.${parts.name}`;
  const index =
    parts.index === undefined
      ? ''
      : typeof parts.index === 'number'
        ? `[${parts.index}]`
        : `[${JSON.stringify(parts.index)}]`;
  return `${parts.module ? `${parts.module}.` : ''}${base}${index}`;
}

/** `module.a.aws_x.y["k"]` → `aws_x.y` (the address of the block in its module, without index). */
export function configAddress(address: string): string {
  let rest = address;
  while (rest.startsWith('module.')) {
    const afterName = rest.indexOf('.', 'module.'.length);
    if (afterName < 0) return rest;
    rest = rest.slice(afterName + 1);
    if (rest.startsWith('[')) rest = rest.slice(rest.indexOf(']') + 2);
  }
  const bracket = rest.indexOf('[');
  return bracket < 0 ? rest : rest.slice(0, bracket);
}

/** The module path of an absolute address, without instance keys: `module.a.module.b` or ''. */
export function modulePath(address: string): string {
  const parts: string[] = [];
  let rest = address;
  while (rest.startsWith('module.')) {
    const m = /^module\.([^.[]+)(\[[^\]]*\])?\./.exec(rest);
    if (!m) break;
    parts.push(`module.${m[1]}`);
    rest = rest.slice(m[0].length);
  }
  return parts.join('.');
}
