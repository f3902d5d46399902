import createClient, { type Client, type MaybeOptionalInit } from 'openapi-fetch';
import { ApiError } from '../core/errors.js';
import { paginateByCursor, type PaginateOptions } from '../core/pagination.js';
import { defaultBaseUrl, operationFacts, type components, type paths } from '../generated/recore.js';

export type { components, operations, paths } from '../generated/recore.js';
export { AkinaiError, ApiError, PaginationError } from '../core/errors.js';
export type { PaginateOptions } from '../core/pagination.js';

/** The schemas of the ReCORE spec, e.g. `Schemas['Member']`. */
export type Schemas = components['schemas'];

export interface RecoreClientOptions {
  /** The API key (a JWT issued by Novasto), sent as `X-Identification`. */
  apiKey: string;
  /** Sent as `X-Store-Id`; only for keys without a `store_id` claim. */
  storeId?: string | number;
  /** Defaults to the vendor's production server. */
  baseUrl?: string;
  /** A fetch implementation (defaults to the global fetch). */
  fetch?: (request: Request) => Promise<Response>;
}

type Facts = typeof operationFacts;
/** Paths whose GET is paginated by cursor (`X-Next-Cursor`), according to the spec. */
export type CursorPath = {
  [K in keyof Facts]: Facts[K] extends { pagination: { style: 'cursor' } } ? Facts[K]['path'] : never;
}[keyof Facts];
type CursorListItem<P extends CursorPath> = paths[P]['get']['responses'][200]['content']['application/json'][number];

export interface RecoreClient extends Client<paths> {
  /**
   * Iterates every item of a cursor-paginated listing, following `X-Next-Cursor` until it is empty.
   * Throws ApiError when a page fails and PaginationError when the server repeats a cursor.
   */
  paginate<P extends CursorPath>(
    path: P,
    init?: MaybeOptionalInit<paths[P], 'get'>,
    options?: PaginateOptions,
  ): AsyncGenerator<CursorListItem<P>, void, undefined>;
}

type UntypedGet = (path: string, init: object) => Promise<{ data?: any; error?: unknown; response: Response }>;

/** A typed client of the ReCORE co-api member endpoints (openapi-fetch, plus pagination). */
export function createRecoreClient(options: RecoreClientOptions): RecoreClient {
  const { apiKey, storeId, baseUrl = defaultBaseUrl, fetch } = options;
  if (!apiKey) throw new TypeError('createRecoreClient: apiKey is required.');
  const client = createClient<paths>({
    baseUrl,
    ...(fetch && { fetch }),
    headers: {
      'X-Identification': apiKey,
      ...(storeId !== undefined && { 'X-Store-Id': String(storeId) }),
    },
  });

  function paginate<P extends CursorPath>(path: P, init?: MaybeOptionalInit<paths[P], 'get'>, paging?: PaginateOptions) {
    const operation = Object.entries(operationFacts).find(([, f]) => f.method === 'GET' && f.path === path)![0];
    const { params = {}, ...rest } = (init ?? {}) as { params?: { query?: Record<string, unknown> } };
    const get = client.GET as unknown as UntypedGet;
    const query = params.query ?? {};
    return paginateByCursor<CursorListItem<P>>(
      async (cursor) => {
        const { data, error, response } = await get(path, {
          ...rest,
          params: { ...params, query: { ...query, cursor } },
        });
        if (!response.ok) throw recoreApiError(operation, response, error);
        return { items: data, nextCursor: response.headers.get('X-Next-Cursor') };
      },
      paging,
      typeof query.cursor === 'string' ? query.cursor : undefined,
    );
  }

  return Object.assign(client, { paginate });
}

/** ReCORE's error body is `{ "error": { "code", "message", "detail" } }`. */
function recoreApiError(operation: string, response: Response, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return new ApiError(
    operation,
    response.status,
    typeof error?.code === 'string' ? error.code : undefined,
    body,
    typeof error?.message === 'string' ? error.message : undefined,
  );
}
