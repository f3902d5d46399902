// Pittaly Order Web API v2, customer_store_items: HTTP Basic with the user's e-mail address, a search
// that is a GET with a JSON body (sent through node:http in Node.js, refused in browsers), and batch
// uploads of at most 100 rows a request.
import type { ApiClient } from '../core/client.js';
import type { Fetch } from '../core/types.js';
import { createSpecClient, type SpecClientOptions } from '../core/spec-client.js';
import {
  clientName,
  defaultBaseUrl,
  features,
  operationFacts,
  security,
  type components,
  type CredentialOptions,
  type paths,
} from '../generated/pittaly-order.js';
import { BatchUploadError, parseError, type BatchUploadReport } from './errors.js';

export type BatchUploadRow = components['schemas']['BatchUploadRow'];

export interface PittalyOrderClientOptions extends SpecClientOptions<CredentialOptions> {
  /** The e-mail address a Pittaly Order user logs in with. */
  email: string;
  password: string;
}

/** The vendor's limit of rows per batchUpload.json request. */
export const MAX_BATCH_ROWS = 100;

export type PittalyOrderClient<Throw extends boolean = false> = ApiClient<paths, typeof operationFacts, Throw> & {
  /**
   * Uploads any number of rows through batchUpload.json, at most 100 per request, in order, one request
   * at a time. Stops at the first failure with a BatchUploadError that says which rows were applied.
   */
  uploadInBatches(rows: readonly BatchUploadRow[], options?: { batchSize?: number; signal?: AbortSignal }): Promise<BatchUploadReport>;
};

/**
 * The client, sending through `transport` when the entry gives one (index.node.ts: node:http, which
 * carries the search's GET body). Each entry's createPittalyOrderClient is this with its transport.
 */
export function pittalyOrderClient<Throw extends boolean = false>(
  options: PittalyOrderClientOptions & { throwOnError?: Throw },
  transport?: Fetch,
): PittalyOrderClient<Throw> {
  const client = createSpecClient<paths, typeof operationFacts, typeof security, Throw>(
    { clientName, defaultBaseUrl, operationFacts, security, features },
    options,
    { parseError, ...(transport && { transport }) },
  );
  async function uploadInBatches(
    rows: readonly BatchUploadRow[],
    { batchSize = MAX_BATCH_ROWS, signal }: { batchSize?: number; signal?: AbortSignal } = {},
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_ROWS) {
      throw new RangeError(`batchSize must be a whole number from 1 to ${MAX_BATCH_ROWS}, got ${batchSize}.`);
    }
    const batches: BatchUploadReport['batches'] = [];
    for (let from = 0; from < rows.length; from += batchSize) {
      const to = Math.min(from + batchSize, rows.length);
      let failure: unknown;
      try {
        // With throwOnError a failed batch is thrown, without it returned: either way it is the failure.
        const result: { data?: { totalCount: number }; error?: unknown } = await client.POST('/customer_store_items/batchUpload.json', {
          body: { customer_store_items: rows.slice(from, to) },
          ...(signal && { signal }),
        });
        if (result.error) failure = result.error;
        else batches.push({ from, to, totalCount: result.data!.totalCount });
      } catch (error) {
        failure = error;
      }
      if (failure !== undefined) {
        throw new BatchUploadError(batches, rows.slice(0, from), rows.slice(from, to), rows.slice(to), [from, to], { cause: failure });
      }
    }
    return { batches, totalCount: batches.reduce((sum, batch) => sum + batch.totalCount, 0) };
  }

  return Object.assign(client, { uploadInBatches });
}
