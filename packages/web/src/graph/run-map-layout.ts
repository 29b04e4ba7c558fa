import type { MapLayoutInput } from './layout-estate-map.js';
import type { Point } from './ring-layout.js';

/**
 * Lays the map out in a worker (Vite bundles it as its own asset: 'self' under the page's CSP);
 * where workers are unavailable (component tests), on this thread.
 */
export function runMapLayout(input: MapLayoutInput): Promise<Map<string, Point>> {
  if (typeof Worker === 'undefined')
    return import('./layout-estate-map.js').then(({ layoutEstateMap }) => layoutEstateMap(input));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<[string, Point][]>) => {
      worker.terminate();
      resolve(new Map(event.data));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the layout worker failed'));
    };
    worker.postMessage(input);
  });
}
