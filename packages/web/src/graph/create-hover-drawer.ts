import type { NodeHoverDrawingFunction } from 'sigma/rendering';

/**
 * Sigma's default hover box is white whatever the theme; this one draws the label on the page's own
 * background with a ring round the node, so highlighted nodes read in light and dark.
 */
export function createHoverDrawer(background: string, text: string): NodeHoverDrawingFunction {
  return (context, data, settings) => {
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    context.beginPath();
    context.arc(data.x, data.y, data.size + 3, 0, Math.PI * 2);
    context.lineWidth = 2;
    context.strokeStyle = text;
    context.stroke();
    if (typeof data.label !== 'string' || data.label === '') return;
    const width = context.measureText(data.label).width + 10;
    const height = size + 8;
    const x = data.x + data.size + 5;
    const y = data.y - height / 2;
    context.fillStyle = background;
    context.shadowColor = 'rgba(0, 0, 0, 0.35)';
    context.shadowBlur = 6;
    context.beginPath();
    context.roundRect(x, y, width, height, 4);
    context.fill();
    context.shadowBlur = 0;
    context.fillStyle = text;
    context.fillText(data.label, x + 5, data.y + size / 3);
  };
}
