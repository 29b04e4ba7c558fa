import type { FindingsResult } from './findings-result.js';
import { findingResult, findingRules } from './sarif-finding.js';

const SRCROOT = '%SRCROOT%';

/** SARIF 2.1.0: one rule per finding rule (with its doc page), results at the resource's `.tf` line. */
export function renderFindingsSarif(result: FindingsResult): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'impact',
            version: result.tool.version,
            informationUri: 'https://github.com/impact/impact',
            rules: findingRules(),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The estate root' } } },
        results: result.findings.map((f) => findingResult(f)),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
