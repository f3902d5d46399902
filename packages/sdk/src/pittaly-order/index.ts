// @akinai/sdk/pittaly-order: Pittaly Order Web API v2 (USK), customer_store_items. In Node.js the
// package resolves to the build whose transport is node:http (the search sends a JSON body on GET).
import type { components } from '../generated/pittaly-order.js';

export * from '../core/public.js';
export type { components, operations, paths } from '../generated/pittaly-order.js';
export {
  createPittalyOrderClient,
  MAX_BATCH_ROWS,
  type BatchUploadRow,
  type PittalyOrderClient,
  type PittalyOrderClientOptions,
} from './client.js';
export { BatchUploadError, type BatchUploadReport } from './errors.js';

/** The schemas of the Pittaly Order spec, e.g. `Schemas['CustomerStoreItem']`. */
export type Schemas = components['schemas'];
