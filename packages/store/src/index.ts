export type { DeliveryKey, DeliveryRecord, HistoryStore } from './store-types.js';
