// The rule pages of docs/rules/, bundled at build time: the dashboard shows them without a server
// route, and a rule added to core with its page (a core test keeps them in sync) appears here too.
const files = import.meta.glob('../../../../docs/rules/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Each findings rule's page (Markdown), by rule id. */
export const RULE_DOCS: ReadonlyMap<string, string> = new Map(
  Object.entries(files).map(([path, text]) => [path.replace(/^.*\/(.+)\.md$/, '$1'), text]),
);
