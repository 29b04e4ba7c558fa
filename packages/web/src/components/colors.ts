import type { Severity } from '@impact/core';

// Colour-blind-friendly categorical palette (Okabe–Ito plus two), readable on light and dark.
const PALETTE = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#8c6bb1',
  '#7f7f00',
  '#17becf',
  '#a65628',
];

/**
 * One colour per workspace of one answer, by sorted name: distinct while there are at most ten,
 * and the same picture for the same answer on every load.
 */
export function workspaceColors(workspaces: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(workspaces)].sort();
  return new Map(sorted.map((w, i) => [w, PALETTE[i % PALETTE.length] ?? '#888888']));
}

export const SEVERITY_COLOR: Record<Severity, string> = {
  irrecoverable: '#c1121f',
  breaks: '#f77f00',
  degraded: '#e9c46a',
  info: '#8d99ae',
};

export const SEVERITY_RANK: Record<Severity, number> = { irrecoverable: 0, breaks: 1, degraded: 2, info: 3 };

export const SEVERITY_SIZE: Record<Severity, number> = {
  irrecoverable: 13,
  breaks: 10,
  degraded: 8,
  info: 6,
};

/** Findings' levels (error, warn, info), and a workspace without any. */
export const FINDING_COLOR = {
  error: '#c1121f',
  warn: '#f77f00',
  info: '#4f7cac',
  none: '#2a9d8f',
} as const;
