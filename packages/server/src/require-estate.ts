import { apiError } from './errors.js';
import type { EstateSnapshot, EstateStore } from './estate-store.js';

export function requireEstate(store: EstateStore): EstateSnapshot {
  const current = store.current();
  if (!current) throw apiError('ESTATE_UNAVAILABLE', 'no estate has been loaded yet; see GET /api/health');
  return current;
}
