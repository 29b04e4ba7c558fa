/**
 * Text safe in a GitHub markdown paragraph or table cell: markdown punctuation and HTML are
 * backslash-escaped or entity-encoded, `|` cannot end a cell, a newline cannot end a row.
 */
export function markdownEscape(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*[\]|#~]/g, (c) => `\\${c}`);
}
