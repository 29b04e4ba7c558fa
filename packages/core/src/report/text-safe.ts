/**
 * C0 and C1 control characters, DEL, the Unicode line and paragraph separators and the bidi
 * controls: in a name, key or address (a `for_each` key can hold anything) they could end a line
 * of a CI log and start a forged one (`\n::error …`), or drive the terminal (an ANSI escape).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text safe on one line of a terminal or a CI log: every control character is written as an
 * escape (`\n`, `\x1b`, `\u2028`), as the github and markdown formats already neutralise them.
 */
export function textSafe(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return (
      NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
    );
  });
}
