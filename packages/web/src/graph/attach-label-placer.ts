import type Sigma from 'sigma';
import type { NodeLabelDrawingFunction } from 'sigma/rendering';
import { type LabelRequest, placeLabels } from './place-labels.js';

interface Pending {
  context: CanvasRenderingContext2D;
  key: string;
  label: string;
  x: number;
  y: number;
  size: number;
  priority: number;
  font: string;
  color: string;
  labelSize: number;
}

const BOTH = ['right', 'left'] as const;

export interface LabelPlacerOptions {
  /** The graph point labels run away from (a blast radius's changed node), if any: labels then go outward only. */
  centre?: () => { x: number; y: number } | null;
}

/**
 * Sigma draws each label its grid picked as it goes; this collects them instead and, once the
 * frame is rendered, draws those that fit without overlapping (place-labels.ts), most important
 * first (a node's `labelPriority`, else its size). Labels are never written over one another.
 */
// biome-ignore lint/suspicious/noExplicitAny: sigma's generic attribute types vary by caller
export function attachLabelPlacer(sigma: Sigma<any, any>, options: LabelPlacerOptions = {}): () => void {
  let pending: Pending[] = [];
  const draw: NodeLabelDrawingFunction = (context, data, settings) => {
    if (typeof data.label !== 'string' || data.label === '') return;
    const priority = (data as { labelPriority?: number }).labelPriority ?? data.size;
    pending.push({
      context,
      key: data.key,
      label: data.label,
      x: data.x,
      y: data.y,
      size: data.size,
      priority: data.forceLabel ? priority + 1e6 : priority,
      font: `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`,
      color: settings.labelColor.attribute
        ? String(
            (data as Record<string, unknown>)[settings.labelColor.attribute] ?? settings.labelColor.color,
          )
        : (settings.labelColor.color ?? '#000'),
      labelSize: settings.labelSize,
    });
  };
  const before = () => {
    pending = [];
  };
  const after = () => {
    if (pending.length === 0) return;
    const context = pending[0]?.context;
    if (!context) return;
    const centre = options.centre?.() ?? null;
    const requests: LabelRequest[] = pending.map((p) => {
      context.font = p.font;
      return {
        key: p.key,
        x: p.x,
        y: p.y,
        size: p.size,
        width: context.measureText(p.label).width,
        height: p.labelSize + 4,
        priority: p.priority,
        sides: centre ? [p.x < centre.x - 1 ? 'left' : 'right'] : BOTH,
      };
    });
    const byKey = new Map(pending.map((p) => [p.key, p]));
    for (const placed of placeLabels(requests, sigma.getDimensions())) {
      const p = byKey.get(placed.key);
      if (!p) continue;
      context.font = p.font;
      context.fillStyle = p.color;
      context.textBaseline = 'middle';
      context.fillText(p.label, placed.x, placed.y);
    }
    context.textBaseline = 'alphabetic';
    pending = [];
  };
  sigma.setSetting('defaultDrawNodeLabel', draw);
  sigma.on('beforeRender', before);
  sigma.on('afterRender', after);
  return () => {
    sigma.off('beforeRender', before);
    sigma.off('afterRender', after);
  };
}
