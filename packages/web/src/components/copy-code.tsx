import { useEffect, useState } from 'react';

/** A command in a code block, with a button that copies it (the clipboard needs a secure context: localhost is one). */
export function CopyCode({ code, label = 'Copy command' }: { code: string; label?: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) return setCopied('no');
    clipboard.writeText(code).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };
  return (
    <div className="copy-code">
      <pre>
        <code>{code}</code>
      </pre>
      <button type="button" onClick={copy} aria-label={label}>
        {copied === 'yes' ? 'Copied' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">
        {copied === 'yes'
          ? 'Copied to the clipboard'
          : copied === 'no'
            ? 'Could not copy: select the text'
            : ''}
      </span>
    </div>
  );
}
