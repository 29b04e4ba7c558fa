import type { ReactNode } from 'react';

/**
 * The Markdown the rule pages use — headings, paragraphs, lists, fenced code, `code` and **bold**
 * — as React elements (never as HTML: nothing in a page can run).
 */
export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) code.push(lines[i] ?? '');
      i++;
      blocks.push(
        <pre key={blocks.length}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(4, (heading[1]?.length ?? 1) + 1);
      const Tag = `h${level}` as 'h2' | 'h3' | 'h4';
      blocks.push(<Tag key={blocks.length}>{inline(heading[2] ?? '')}</Tag>);
      i++;
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && /^\s*[-*]\s+/.test(lines[i] ?? ''); i++)
        items.push((lines[i] ?? '').replace(/^\s*[-*]\s+/, ''));
      blocks.push(
        <ul key={blocks.length}>
          {items.map((item, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: list items of a static text
            <li key={k}>{inline(item)}</li>
          ))}
        </ul>,
      );
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const para: string[] = [];
    for (
      ;
      i < lines.length && (lines[i] ?? '').trim() !== '' && !/^(#|```|\s*[-*]\s)/.test(lines[i] ?? '');
      i++
    )
      para.push(lines[i] ?? '');
    blocks.push(<p key={blocks.length}>{inline(para.join(' '))}</p>);
  }
  return <div className="markdown">{blocks}</div>;
}

function inline(text: string): ReactNode[] {
  return text
    .split(/(`[^`]+`|\*\*[^*]+\*\*)/)
    .filter((part) => part !== '')
    .map((part, k) => {
      // biome-ignore lint/suspicious/noArrayIndexKey: fragments of a static text
      if (part.startsWith('`')) return <code key={k}>{part.slice(1, -1)}</code>;
      // biome-ignore lint/suspicious/noArrayIndexKey: fragments of a static text
      if (part.startsWith('**')) return <strong key={k}>{part.slice(2, -2)}</strong>;
      return part;
    });
}
