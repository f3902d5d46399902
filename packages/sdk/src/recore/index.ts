import { createApiClient, type ApiClient, type RuntimeOptions } from '../core/client.js';
import { checkCredential } from '../core/options.js';
import { Redactor } from '../core/redact.js';
import { credentialNames, defaultBaseUrl, operationFacts, type components, type paths } from '../generated/recore.js';

export * from '../core/public.js';
export type { components, operations, paths } from '../generated/recore.js';

/** The schemas of the ReCORE spec, e.g. `Schemas['Member']`. */
export type Schemas = components['schemas'];

export interface RecoreClientOptions extends RuntimeOptions {
  /** The API key (a JWT issued by Novasto), sent as `X-Identification`. */
  apiKey: string;
  /** Sent as `X-Store-Id`; only for keys without a `store_id` claim. */
  storeId?: string | number;
}

export type RecoreClient<Throw extends boolean = false> = ApiClient<paths, typeof operationFacts, Throw>;

/** A typed client of the ReCORE co-api member endpoints. */
export function createRecoreClient<Throw extends boolean = false>(
  options: RecoreClientOptions & { throwOnError?: Throw },
): RecoreClient<Throw> {
  const { apiKey, storeId, ...runtime } = options;
  checkCredential(apiKey, 'createRecoreClient: apiKey', { header: true });
  if (storeId !== undefined) checkCredential(String(storeId), 'createRecoreClient: storeId', { header: true });
  return createApiClient<paths, typeof operationFacts, Throw>(
    {
      facts: operationFacts,
      defaultBaseUrl,
      headers: { 'X-Identification': apiKey, ...(storeId !== undefined && { 'X-Store-Id': String(storeId) }) },
      redactor: new Redactor([apiKey], credentialNames.headers),
      parseError,
    },
    runtime,
  );
}

/** ReCORE's error body: `{ "error": { "code", "message", "detail" } }`. */
function parseError(body: unknown) {
  const error = (body as { error?: { code?: unknown; message?: unknown; detail?: unknown } } | undefined)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: typeof error?.message === 'string' ? error.message : undefined,
    detail: error?.detail,
  };
}
