import type { ImpactResult } from '../impact/result-types.js';
import { renderGithub } from './render-github.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';
import { renderText } from './render-text.js';
import type { ReportOptions } from './report-options.js';

/** Every report format by name; each renders the canonical result and nothing else. */
export const REPORTERS = {
  text: renderText,
  markdown: renderMarkdown,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
} as const satisfies Record<string, (result: ImpactResult, options: ReportOptions) => string>;

export type ReportFormat = keyof typeof REPORTERS;
