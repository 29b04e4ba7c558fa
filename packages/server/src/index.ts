// The public surface of @impact/server.
export { type AppOptions, createApp } from './app.js';
export { DEFAULT_ESTATE, DEFAULT_WEB_ROOT } from './default-paths.js';
export { ApiError, ERRORS, type ErrorCode } from './errors.js';
export { createEstateStore, type EstateStore, type IngestStatus } from './estate-store.js';
export {
  createRecorder,
  estateName,
  type HistoryRecorder,
  type RecordOutcome,
  targetLabel,
} from './history/recorder.js';
export { deliverWebhook, type WebhookOptions } from './history/webhook.js';
export { hasServerFlags, SERVER_NODE_FLAGS } from './node-flags.js';
export { type RunningServer, type ServerOptions, startServer } from './server.js';
