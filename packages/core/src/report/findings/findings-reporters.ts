import type { FindingsResult } from './findings-result.js';
import { renderFindingsMarkdown } from './render-findings-markdown.js';
import { renderFindingsSarif } from './render-findings-sarif.js';
import { renderFindingsText } from './render-findings-text.js';

/** Every `impact findings` format by name. */
export const FINDINGS_REPORTERS = {
  text: renderFindingsText,
  markdown: renderFindingsMarkdown,
  json: (result: FindingsResult) => `${JSON.stringify(result, null, 2)}\n`,
  sarif: renderFindingsSarif,
} as const satisfies Record<string, (result: FindingsResult, options: { color?: boolean }) => string>;

export type FindingsFormat = keyof typeof FINDINGS_REPORTERS;
