import { Link } from '../components/link.js';
import { Markdown } from '../components/markdown.js';
import { useDocumentTitle } from '../components/node-title.js';
import { NotFound } from '../components/not-found.js';
import { RULE_DOCS } from '../rules/rule-docs.js';

/** A findings rule's page: why it matters, how to fix it, an example; and its findings here. */
export function RulePage({ id }: { id: string }) {
  const doc = RULE_DOCS.get(id);
  useDocumentTitle(doc ? `Rule ${id}` : null);
  if (!doc) return <NotFound what="rule" name={id} />;
  return (
    <article className="rule-page">
      <p className="muted small">
        <Link href="/findings">Findings</Link> › rule
      </p>
      <Markdown text={doc} />
      <p>
        <Link href={`/findings?rule=${encodeURIComponent(id)}`}>Its findings in this estate</Link>
      </p>
    </article>
  );
}
