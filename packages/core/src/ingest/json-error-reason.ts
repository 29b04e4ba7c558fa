/**
 * V8's JSON.parse errors may quote the text around the fault (`Unexpected token 'C', "{"a": CANARY…"
 * is not valid JSON`): in a state file that text can be a secret. Messages that give a position
 * carry no quote and are kept; any other is reduced to what kind of fault it is.
 */
export function jsonErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/^[^"]* in JSON at position \d+( \(line \d+ column \d+\))?$/.test(message)) return message;
  if (message.startsWith('Unexpected end of JSON input')) return 'Unexpected end of JSON input';
  if (message.startsWith('Unexpected token')) return 'Unexpected token (not valid JSON)';
  return 'not valid JSON';
}
