import { createApiClient, type ApiClient, type RuntimeOptions } from '../core/client.js';
import { AkinaiError } from '../core/errors.js';
import { checkCredential } from '../core/options.js';
import type { Fetch } from '../core/redirects.js';
import { Redactor } from '../core/redact.js';
import { credentialNames, defaultBaseUrl, operationFacts, type components, type paths } from '../generated/pittaly-order.js';

export type { components, operations, paths } from '../generated/pittaly-order.js';

/** The schemas of the Pittaly Order spec, e.g. `Schemas['CustomerStoreItem']`. */
export type Schemas = components['schemas'];
export type BatchUploadRow = Schemas['BatchUploadRow'];

export interface PittalyOrderClientOptions extends RuntimeOptions {
  /** The e-mail address a Pittaly Order user logs in with. */
  email: string;
  password: string;
}

/** The vendor's limit of rows per batchUpload.json request. */
export const MAX_BATCH_ROWS = 100;

export interface BatchUploadReport {
  /** One entry per request, in order: the rows it carried (`from` inclusive, `to` exclusive) and the count the API reported. */
  batches: { from: number; to: number; totalCount: number }[];
  /** Sum of the batches' totalCount. */
  totalCount: number;
}

/** A batch failed: the rows before it were applied, its own rows are in doubt, the rows after it were not sent. */
export class BatchUploadError extends AkinaiError {
  override name = 'BatchUploadError';
  constructor(
    /** The batches that succeeded, as in BatchUploadReport. */
    readonly batches: BatchUploadReport['batches'],
    /** Rows of the successful batches. */
    readonly applied: BatchUploadRow[],
    /** Rows of the failed batch. The vendor does not document whether a failed batch is applied in part. */
    readonly failed: BatchUploadRow[],
    /** Rows after the failed batch, never sent. */
    readonly notSent: BatchUploadRow[],
    /** The failed batch's rows: [from, to). */
    readonly failedRange: [number, number],
    options: { cause: unknown },
  ) {
    super(
      `batch ${batches.length + 1} (rows ${failedRange[0]}–${failedRange[1] - 1}) failed: ${(options.cause as Error).message}. ` +
        `${applied.length} rows before it were applied; its ${failed.length} rows may not have been; ` +
        `${notSent.length} rows after it were not sent.`,
      options,
    );
  }
}

export type PittalyOrderClient<Throw extends boolean = false> = ApiClient<paths, typeof operationFacts, Throw> & {
  /**
   * Uploads any number of rows through batchUpload.json, at most 100 per request, in order, one request
   * at a time. Stops at the first failure with a BatchUploadError that says which rows were applied.
   */
  uploadInBatches(rows: readonly BatchUploadRow[], options?: { batchSize?: number; signal?: AbortSignal }): Promise<BatchUploadReport>;
};

/** Builds the client: on node:http in Node.js, on fetch elsewhere (see index.ts / index.node.ts). */
export function createClientOn<Throw extends boolean>(
  transport: Fetch | undefined,
  options: PittalyOrderClientOptions & { throwOnError?: Throw },
): PittalyOrderClient<Throw> {
  const { email, password, ...runtime } = options;
  checkCredential(email, 'createPittalyOrderClient: email');
  checkCredential(password, 'createPittalyOrderClient: password');
  // RFC 7617: the user-id of Basic credentials cannot contain a colon.
  if (email.includes(':')) throw new TypeError('createPittalyOrderClient: email must not contain ":" (HTTP Basic cannot carry it).');
  const credentials = base64(`${email}:${password}`);
  const client = createApiClient<paths, typeof operationFacts, Throw>(
    {
      facts: operationFacts,
      defaultBaseUrl,
      headers: { Authorization: `Basic ${credentials}` },
      redactor: new Redactor([password, credentials], credentialNames.headers),
      parseError,
      ...(transport && { transport }),
    },
    runtime,
  );

  async function uploadInBatches(rows: readonly BatchUploadRow[], { batchSize = MAX_BATCH_ROWS, signal }: { batchSize?: number; signal?: AbortSignal } = {}) {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_ROWS) {
      throw new RangeError(`batchSize must be a whole number from 1 to ${MAX_BATCH_ROWS}, got ${batchSize}.`);
    }
    const batches: BatchUploadReport['batches'] = [];
    for (let from = 0; from < rows.length; from += batchSize) {
      const to = Math.min(from + batchSize, rows.length);
      let failure: unknown;
      try {
        // Typed as the non-throwing client: with throwOnError the error arrives through catch instead.
        const result = await (client as unknown as ApiClient<paths, typeof operationFacts>).POST('/customer_store_items/batchUpload.json', {
          body: { customer_store_items: rows.slice(from, to) },
          ...(signal && { signal }),
        });
        if (result.error) failure = result.error;
        else batches.push({ from, to, totalCount: result.data.totalCount });
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

/** The error page of the vendor is not available: read the usual fields if the body has them. */
function parseError(body: unknown) {
  const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const nested = (typeof object.error === 'object' && object.error !== null ? object.error : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    code: text(object.code) ?? text(nested.code),
    message: text(object.message) ?? text(nested.message) ?? text(object.error),
    detail: object.errors ?? nested.detail,
  };
}

/** UTF-8 safe Base64 (btoa alone only takes Latin-1). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
