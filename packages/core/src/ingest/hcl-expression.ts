import type { TFExpressionSyntaxTree } from '@cdktf/hcl2json';

type ExpressionType = TFExpressionSyntaxTree.ExpressionType;

/** hcl2json starts a WASM runtime: load it only when an estate has HCL, not on every CLI start. */
let hcl2json: Promise<typeof import('@cdktf/hcl2json')> | undefined;
export function loadHcl2json(): Promise<typeof import('@cdktf/hcl2json')> {
  hcl2json ??= import('@cdktf/hcl2json');
  return hcl2json;
}

/**
 * The syntax tree of a value as hcl2json writes it: a literal string, or a template holding
 * `${…}` interpolations. It is given to the parser as a heredoc, which takes quotes and newlines
 * as they are; a value that is one interpolation and nothing else comes back as that expression
 * (its value is not turned into a string). Null when the parser refuses it.
 */
export async function expressionAst(file: string, value: string): Promise<ExpressionType | null> {
  const { getExpressionAst } = await loadHcl2json();
  const marker = 'IMPACT_EXPRESSION_END';
  try {
    const ast = await getExpressionAst(file, `<<${marker}\n${value}\n${marker}\n`);
    if (!ast) return null;
    // A heredoc is a template; its last literal is the newline before the marker.
    const parts = ast.type === 'template' ? ast.children : [ast];
    const last = parts[parts.length - 1];
    if (last?.type === 'literalValue' && last.meta.value.endsWith('\n')) {
      const text = last.meta.value.slice(0, -1);
      if (text === '') parts.pop();
      else last.meta.value = text;
    }
    const only = parts[0];
    const text = only?.type === 'literalValue' && only.meta.type === 'string';
    if (parts.length === 1 && only && !text && value.startsWith('${') && value.endsWith('}')) return only;
    return { ...ast, type: 'template', children: parts } as ExpressionType;
  } catch {
    return null;
  }
}

/**
 * The text of a heredoc or quoted template in an expression (`yamldecode(<<-EOT … EOT)`), with
 * `${…}` interpolations left as they are written and `<<-`'s indentation removed. Undefined for
 * anything else.
 */
export function templateText(ast: ExpressionType): string | undefined {
  if (ast.type !== 'template') return undefined;
  const raw = ast.meta.value;
  const heredoc = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(raw);
  if (!heredoc) {
    // A quoted template: its literal parts are already unescaped by the parser.
    return ast.children.every((c) => c.type === 'literalValue')
      ? ast.children.map((c) => c.meta.value).join('')
      : raw.replace(/^"|"$/g, '');
  }
  const lines = raw.slice(heredoc[0].length).split('\n');
  lines.pop(); // the closing marker
  if (heredoc[1] !== '-') return `${lines.join('\n')}\n`;
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return `${lines.map((l) => l.slice(cut)).join('\n')}\n`;
}

/** The call's name and arguments when `ast` is a function call. */
export function functionCall(ast: ExpressionType): { name: string; args: ExpressionType[] } | undefined {
  return ast.type === 'function' ? { name: ast.meta.name, args: ast.children } : undefined;
}
