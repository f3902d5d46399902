// @akinai/sdk/pittaly-order: Pittaly Order Web API v2 (USK), customer_store_items. This is the entry
// browsers (and Deno, Bun, workers) get; in Node.js the package resolves to index.node.ts, whose client
// sends through node:http (the search sends a JSON body on GET). Both share the one runtime of every entry.
import type { components } from '../generated/pittaly-order.js';
import { pittalyOrderClient, type PittalyOrderClient, type PittalyOrderClientOptions } from './client.js';

export * from '../core/public.js';
export type { components, operations, paths } from '../generated/pittaly-order.js';
export { MAX_BATCH_ROWS, type BatchUploadRow, type PittalyOrderClient, type PittalyOrderClientOptions } from './client.js';
export { BatchUploadError, type BatchUploadReport } from './errors.js';

/** The schemas of the Pittaly Order spec, e.g. `Schemas['CustomerStoreItem']`. */
export type Schemas = components['schemas'];

/**
 * A typed client of Pittaly Order's customer_store_items master. In Node.js every operation works; in
 * browsers the search (a GET with a JSON body) throws UnsupportedRequestError: call it from Node.js.
 */
export function createPittalyOrderClient<Throw extends boolean = false>(
  options: PittalyOrderClientOptions & { throwOnError?: Throw },
): PittalyOrderClient<Throw> {
  return pittalyOrderClient(options);
}
