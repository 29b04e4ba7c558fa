export { DEFAULT_ALERT_LIMIT } from './alerts.js';
export { describeStore, isPostgresSpec } from './describe-store.js';
export { LOCK_FILE } from './dir-lock.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export { type OpenStoreOptions, openStore } from './open-store.js';
export { StoreError, StoreFailure } from './store-error.js';
export type { DeliveryKey, DeliveryRecord, HistoryStore } from './store-types.js';
