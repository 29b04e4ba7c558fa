import { markdownCode } from '../report/markdown-code.js';
import { textSafe } from '../report/text-safe.js';
import type { EstateDiff, SecretEvent } from './diff-estates.js';

/** Items listed at most per section in text and markdown (JSON lists them all). */
export const DIFF_LIST_LIMIT = 50;

export type EstateDiffFormat = 'text' | 'markdown' | 'json';

/** One summary line of counts. */
export function diffSummary(diff: EstateDiff): string {
  const s = diff.summary;
  return (
    `impact diff: ${s.secretEvents} secret event(s); ` +
    `workspaces +${s.workspacesAdded} -${s.workspacesRemoved}; ` +
    `resources +${s.resourcesAdded} -${s.resourcesRemoved} ~${s.resourcesChanged}; ` +
    `edges +${s.edgesAdded} -${s.edgesRemoved}`
  );
}

/** What an event says beyond its kind and secret, in words (ids only, never values). */
function eventDetail(e: SecretEvent, code: (t: string) => string): string {
  switch (e.event) {
    case 'deleted': {
      const window =
        e.recoveryWindowDays === undefined
          ? 'recovery window unknown'
          : e.recoveryWindowDays === 0
            ? 'recovery window 0 days: gone for good'
            : `restorable for ${e.recoveryWindowDays} days`;
      return `${window}; ${e.consumers.length} consumer(s)${e.consumers.length > 0 ? `: ${e.consumers.map(code).join(', ')}` : ''}`;
    }
    case 'replaced':
      return `was ${code(e.previous.id)}${e.previous.arn ? ` (${code(e.previous.arn)})` : ''}, now ${e.secret.arn ? code(e.secret.arn) : 'no ARN'}; matched by ${e.matchedBy}`;
    case 'recovery_window_changed':
      return `${e.from ?? '?'} → ${e.to ?? '?'} days`;
    case 'consumers_gained':
    case 'consumers_lost':
      return e.consumers.map(code).join(', ');
    default:
      return e.secret.name ? code(e.secret.name) : '';
  }
}

function limited(
  items: readonly string[],
  line: (item: string) => string,
  more: (n: number) => string,
): string[] {
  const out = items.slice(0, DIFF_LIST_LIMIT).map(line);
  if (items.length > DIFF_LIST_LIMIT) out.push(more(items.length - DIFF_LIST_LIMIT));
  return out;
}

/**
 * Terminal rendering: the summary line, the secret lifecycle events (every one), then
 * workspaces, resources and edges (at most {@link DIFF_LIST_LIMIT} each). Every id is
 * {@link textSafe}.
 */
export function renderDiffText(diff: EstateDiff): string {
  const lines = [diffSummary(diff)];
  const t = textSafe;
  if (diff.secretEvents.length > 0) {
    lines.push('', 'Secret lifecycle');
    for (const e of diff.secretEvents) {
      const detail = eventDetail(e, t);
      lines.push(`  ${e.event.padEnd(23)} ${t(e.secret.id)}${detail ? ` — ${detail}` : ''}`);
    }
  }
  const section = (title: string, entries: [string, readonly string[]][]): void => {
    if (entries.every(([, items]) => items.length === 0)) return;
    lines.push('', title);
    for (const [sign, items] of entries)
      lines.push(
        ...limited(
          items,
          (i) => `  ${sign} ${t(i)}`,
          (n) => `  ${sign} … and ${n} more (--format json lists them all)`,
        ),
      );
  };
  section('Workspaces', [
    ['+', diff.workspaces.added],
    ['-', diff.workspaces.removed],
  ]);
  section('Resources', [
    ['+', diff.resources.added],
    ['-', diff.resources.removed],
    ['~', diff.resources.changed.map((c) => `${c.id} (${c.fields.join(', ')})`)],
  ]);
  section('Edges', [
    ['+', diff.edges.added],
    ['-', diff.edges.removed],
  ]);
  return `${lines.join('\n')}\n`;
}

/** GitHub markdown: the same sections, ids as code spans. */
export function renderDiffMarkdown(diff: EstateDiff): string {
  const code = (s: string) => markdownCode(textSafe(s));
  const lines = ['## impact diff', '', diffSummary(diff).replace(/^impact diff: /, '')];
  if (diff.secretEvents.length > 0) {
    lines.push('', '### Secret lifecycle', '', '| Event | Secret | Detail |', '| --- | --- | --- |');
    for (const e of diff.secretEvents)
      lines.push(`| ${e.event} | ${code(e.secret.id)} | ${eventDetail(e, code) || ' '} |`);
  }
  // Entries: a label, the items, and whether they are already markdown (else ids to code-span).
  const section = (title: string, entries: [string, readonly string[], boolean?][]): void => {
    if (entries.every(([, items]) => items.length === 0)) return;
    lines.push('', `### ${title}`, '');
    for (const [label, items, ready] of entries)
      lines.push(
        ...limited(
          items,
          (i) => `- ${label} ${ready ? i : code(i)}`,
          (n) => `- ${label} … and ${n} more`,
        ),
      );
  };
  section('Workspaces', [
    ['added', diff.workspaces.added],
    ['removed', diff.workspaces.removed],
  ]);
  section('Resources', [
    ['added', diff.resources.added],
    ['removed', diff.resources.removed],
    ['changed', diff.resources.changed.map((c) => `${code(c.id)} (${c.fields.join(', ')})`), true],
  ]);
  section('Edges', [
    ['added', diff.edges.added],
    ['removed', diff.edges.removed],
  ]);
  return `${lines.join('\n')}\n`;
}

/** The versioned JSON document (`formatVersion`), every list in full. */
export function renderDiffJson(diff: EstateDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

export const DIFF_REPORTERS: Record<EstateDiffFormat, (diff: EstateDiff) => string> = {
  text: renderDiffText,
  markdown: renderDiffMarkdown,
  json: renderDiffJson,
};
