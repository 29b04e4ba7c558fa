/**
 * A node label Mermaid reads literally inside `["…"]`. Node ids carry `"`, `[`, `/`, `::`,
 * `#` and `<`; Mermaid's entity codes (`#quot;`, `#35;` …) are the only escape it knows, and
 * a backtick would switch the label to markdown, so every special character becomes one.
 */
export function mermaidLabel(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/["#&<>[\]{}|`]/g, (c) => `#${c.charCodeAt(0)};`);
}
