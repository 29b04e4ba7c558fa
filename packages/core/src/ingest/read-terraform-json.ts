import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { PlanModel, StateModel } from '../model/workspace.js';
import { decodeText } from './decode-text.js';
import { ingestPlan } from './ingest-plan.js';
import { ingestStateV4 } from './ingest-state.js';
import { ingestStateV3 } from './ingest-state-v3.js';
import { ingestShowState } from './ingest-values.js';
import { jsonErrorReason } from './json-error-reason.js';
import { jsonTooDeep, MAX_JSON_DEPTH } from './json-too-deep.js';
import { isObject, type Json, type RawPlan, type RawShowState, type RawStateV4 } from './raw-types.js';

export type TerraformDocument =
  | { kind: 'state'; state: StateModel }
  | { kind: 'plan'; plan: PlanModel }
  | { kind: 'invalid' };

/** Largest file read; bigger ones are refused with a reason rather than exhausting memory. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Reads one Terraform JSON document of any kind impact understands. Never throws on user data:
 * a file it cannot use comes back as `invalid` with a diagnostic naming the file and the reason.
 */
export function readTerraformJson(
  bytes: Uint8Array,
  file: string,
  diagnostics: Diagnostic[],
): TerraformDocument {
  const fail = (code: string, message: string): TerraformDocument => {
    diagnostics.push(diagnostic('error', code, message, { file }));
    return { kind: 'invalid' };
  };
  if (bytes.length === 0) return fail('file.empty', 'the file is empty');
  if (bytes.length > MAX_FILE_BYTES)
    return fail('file.too-large', `the file is larger than ${MAX_FILE_BYTES} bytes`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return fail(
      'plan.binary',
      'this is a binary plan file, not JSON; convert it with `terraform show -json plan.out > plan.json`',
    );
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return fail('file.encoding', decoded.reason);
  let json: Json;
  try {
    json = JSON.parse(decoded.text) as Json;
  } catch (error) {
    const reason = jsonErrorReason(error);
    const truncated = /end of (JSON )?input|Unterminated/i.test(reason);
    return fail(
      'file.not-json',
      `not valid JSON${truncated ? ' (the file looks truncated)' : ''}: ${reason}`,
    );
  }
  if (jsonTooDeep(json))
    return fail('file.too-deep', `the JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
  return classify(json, file, diagnostics, fail);
}

function classify(
  json: Json,
  file: string,
  diagnostics: Diagnostic[],
  fail: (code: string, message: string) => TerraformDocument,
): TerraformDocument {
  if (!isObject(json))
    return fail('file.not-terraform', 'the JSON is not an object, so not a Terraform state or plan');
  if (typeof json.format_version === 'string') {
    const major = Number.parseInt(json.format_version.split('.')[0] ?? '', 10);
    const isPlan = 'resource_changes' in json || 'planned_values' in json || 'prior_state' in json;
    // Terraform's JSON contract: minor versions only add fields; a new major may break readers.
    if (!(major === 0 || major === 1)) {
      return fail(
        'format.unsupported-version',
        `${isPlan ? 'plan' : 'state'} JSON format_version ${json.format_version} is not supported (this impact reads 0.x and 1.x)`,
      );
    }
    if (isPlan) return { kind: 'plan', plan: ingestPlan(json as unknown as RawPlan, file, diagnostics) };
    if ('values' in json || 'terraform_version' in json) {
      return { kind: 'state', state: ingestShowState(json as unknown as RawShowState, file) };
    }
    return fail('file.not-terraform', 'has a format_version but neither plan nor state values');
  }
  if (typeof json.version === 'number') {
    switch (json.version) {
      case 4:
        return { kind: 'state', state: ingestStateV4(json as unknown as RawStateV4, file, diagnostics) };
      case 3:
        diagnostics.push(
          diagnostic(
            'info',
            'state.legacy-v3',
            'legacy state version 3 (Terraform 0.11 or older) read in its flat form',
            {
              file,
            },
          ),
        );
        return { kind: 'state', state: ingestStateV3(json, file) };
      case 1:
      case 2:
        return fail(
          'state.unsupported-version',
          `state version ${json.version} predates Terraform 0.7; upgrade it with Terraform 0.12 (terraform state pull) first`,
        );
      default:
        return fail(
          'state.unsupported-version',
          `state version ${json.version} is not supported (this impact reads versions 3 and 4)`,
        );
    }
  }
  return fail(
    'file.not-terraform',
    'neither a Terraform state (no "version") nor a plan/show output (no "format_version")',
  );
}
