import type { Severity } from '@impact/core';
import { SEVERITY_SIZE } from '../components/colors.js';

/**
 * A blast-radius node's radius, in layout units (sigma draws it in positions, so the ring layout
 * can keep nodes apart): the change biggest, then by severity; a node drawn from the radius but
 * not in the listed impacts (no severity) smallest; a folded workspace grows with its members.
 */
export function blastNodeSize(n: {
  distance: number;
  severity?: Severity;
  members?: readonly string[];
}): number {
  const base = n.distance === 0 ? 16 : n.severity ? SEVERITY_SIZE[n.severity] : 4;
  const members = n.members?.length ?? 0;
  return members > 1 ? base + Math.min(10, Math.sqrt(members) * 2) : base;
}
