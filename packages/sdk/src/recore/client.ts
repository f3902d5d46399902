// The ReCORE co-api member endpoints: an API key (a JWT) in X-Identification, and for keys without a
// store, the store in X-Store-Id.
import type { ApiClient } from '../core/client.js';
import { createSpecClient, type SpecClientOptions } from '../core/spec-client.js';
import { clientName, defaultBaseUrl, features, operationFacts, security, type CredentialOptions, type paths } from '../generated/recore.js';
import { parseError } from './errors.js';

export interface RecoreClientOptions extends SpecClientOptions<CredentialOptions> {
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
  const { storeId, ...rest } = options;
  return createSpecClient<paths, typeof operationFacts, typeof security, Throw>(
    { clientName, defaultBaseUrl, operationFacts, security, features },
    rest,
    {
      ...(storeId !== undefined && { headers: { 'X-Store-Id': String(storeId) } }),
      parseError,
    },
  );
}
