import type { EdgeAttributes } from '@impact/core';
import type { EdgeView } from '../schemas/node-view.js';

export function edgeView(key: string, from: string, to: string, a: EdgeAttributes): EdgeView {
  return {
    key,
    from,
    to,
    kind: a.kind,
    attribute: a.attribute,
    confidence: a.confidence,
    ...(a.evidence !== undefined ? { evidence: a.evidence } : {}),
    ...(a.candidates !== undefined ? { candidates: [...a.candidates] } : {}),
  };
}
