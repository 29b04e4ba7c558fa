import * as alertQueries from './alerts.js';
import * as deliveryQueries from './deliveries.js';
import { digestKey } from './digest-key.js';
import type { Lead, SqlClient } from './sql-client.js';
import { StoreError, StoreFailure } from './store-error.js';
import type { HistoryStore } from './store-types.js';
import * as versionQueries from './versions.js';

/** A {@link HistoryStore} over an engine (its SQL client) and a lead. */
export function createSqlStore(
  kind: HistoryStore['kind'],
  location: string,
  client: SqlClient,
  lead: Lead,
): HistoryStore {
  let key: Promise<Uint8Array> | undefined;
  let closed = false;
  const db = () => {
    if (closed) throw new StoreError(location, StoreFailure.closed, 'used after close()');
    return client;
  };
  return {
    kind,
    location,
    digestKey: () => {
      key ??= digestKey(db()).catch((error) => {
        key = undefined;
        throw error;
      });
      return key;
    },
    tryLead: async () => !closed && lead.tryLead(),
    resign: () => lead.resign(),
    latestVersion: async () => versionQueries.latestVersion(db()),
    recordVersion: async (record, baseline) => versionQueries.recordVersion(db(), record, baseline),
    baseline: async () => versionQueries.baseline(db()),
    history: async (options) => versionQueries.history(db(), options),
    changes: async (options) => versionQueries.changes(db(), options),
    version: async (n) => versionQueries.version(db(), n),
    openAlert: async (alert) => alertQueries.openAlert(db(), alert),
    clearAlert: async (id, cleared) => alertQueries.clearAlert(db(), id, cleared),
    alerts: async (options) => alertQueries.alerts(db(), options),
    claimDelivery: async (k, staleMs) => deliveryQueries.claimDelivery(db(), k, staleMs),
    finishDelivery: async (k, outcome) => deliveryQueries.finishDelivery(db(), k, outcome),
    undelivered: async () => deliveryQueries.undelivered(db()),
    deliveries: async (alertId) => deliveryQueries.deliveries(db(), alertId),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await lead.close();
      } finally {
        await client.close();
      }
    },
  };
}
