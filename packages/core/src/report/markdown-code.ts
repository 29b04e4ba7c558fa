/**
 * An inline code span for ids and addresses that survives a GFM table: `|` is escaped (GitHub
 * honours `\|` even in code inside a table) and a backtick in the text lengthens the fence.
 */
export function markdownCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
