import type { Finding, RuleLevel } from '@impact/core';
import { InputError } from './exit-codes.js';
import { type RemoteEstate, remoteJson } from './remote-call.js';

/** The API's largest page of findings. */
const PAGE = 1000;

/**
 * Every finding of a running server (`GET /api/findings`, page by page), with `--rule` levels
 * applied as the local rules would: `off` drops a rule, another level replaces its severity.
 */
export async function remoteFindings(
  remote: RemoteEstate,
  levels: Record<string, RuleLevel>,
): Promise<Finding[]> {
  const all: Finding[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { body } = await remoteJson(remote, `/api/findings?offset=${offset}&limit=${PAGE}`, {
      method: 'GET',
    });
    const page = body as { total?: unknown; findings?: unknown };
    if (typeof page.total !== 'number' || !Array.isArray(page.findings))
      throw new InputError('impact server answered /api/findings without findings');
    all.push(...(page.findings as Finding[]));
    if (page.findings.length === 0 || all.length >= page.total) break;
  }
  const out: Finding[] = [];
  for (const f of all) {
    const level = levels[f.rule];
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level } : f);
  }
  const order = { error: 0, warn: 1, info: 2 };
  return out.sort(
    (x, y) =>
      order[x.severity] - order[y.severity] || x.rule.localeCompare(y.rule) || x.id.localeCompare(y.id),
  );
}
