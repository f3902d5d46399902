// The shared runtime every API's client is built from: openapi-fetch's types and serializers, and
// around each call the spec's rate limit, a per-attempt timeout composed with the caller's signal
// (attempt.ts), retries with backoff, the redirect policy that keeps credentials on their origin, bounded
// response bodies, typed errors that never carry a secret, and logs. An API plugs in through
// ApiDefinition (types.ts).
import type { FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { createAttempt, type Attempt } from './attempt.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './body.js';
import { AbortError, type ApiError } from './errors.js';
import { createLog } from './log.js';
import { checkBaseUrl, checkCount, checkTimeout } from './options.js';
import type { PaginateOptions } from './pagination.js';
import { requestBuilder, type RequestParts } from './request.js';
import { backoffDelay, RETRY_DEFAULTS, sleep } from './retry.js';
import type { ApiDefinition, CallContext, CallOptions, Features, OperationFact, OperationFacts, RuntimeOptions } from './types.js';

type Media = `${string}/${string}`;
type Success<T extends Record<string | number, any>, I> = Extract<FetchResponse<T, I, Media>, { error?: never }>['data'];
type ErrorBody<T extends Record<string | number, any>, I> = Extract<FetchResponse<T, I, Media>, { data?: never }>['error'];

/** What a call resolves to: data, or the typed error (never an undefined error on failure). */
export type ApiResult<T extends Record<string | number, any>, I> =
  | { data: Success<T, I>; error?: undefined; response: Response }
  | { data?: undefined; error: ApiError<ErrorBody<T, I>>; response: Response };
export type ApiSuccess<T extends Record<string | number, any>, I> = { data: Success<T, I>; response: Response };

/** openapi-fetch's options of a call, less those that would send it elsewhere or around the runtime. */
type Refused = { baseUrl?: never; fetch?: never; Request?: never; middleware?: never; parseAs?: never };
type InitParam<I> = RequiredKeysOf<I> extends never ? [(I & CallOptions & Refused)?] : [I & CallOptions & Refused];
/** The operation object of a path and method in openapi-typescript's `paths`. */
type Op<P, Path extends keyof P, M extends HttpMethod> = P[Path] extends { [K in M]: infer O }
  ? O extends Record<string | number, any>
    ? O
    : never
  : never;
type Method<P extends {}, M extends HttpMethod, Throw extends boolean> = <
  Path extends PathsWithMethod<P, M>,
  I extends MaybeOptionalInit<{ [K in M]: Op<P, Path, M> }, M>,
>(
  url: Path,
  ...init: InitParam<I>
) => Promise<Throw extends true ? ApiSuccess<Op<P, Path, M>, I> : ApiResult<Op<P, Path, M>, I>>;

/** GET paths whose operation the spec marks as paginated. */
export type PaginatedPath<F extends OperationFacts> = {
  [K in keyof F]: F[K] extends { method: 'GET'; pagination: object } ? F[K]['path'] : never;
}[keyof F];
type FactOf<F extends OperationFacts, Path> = { [K in keyof F]: F[K] extends { method: 'GET'; path: Path } ? F[K] : never }[keyof F];
/** An item of a paginated listing: an element of the body, or of the property the spec names. */
type Item<P, F extends OperationFacts, Path extends keyof P> = ItemOf<Success<Op<P, Path, 'get'>, {}>, FactOf<F, Path>['pagination']>;
type ItemOf<Data, Paging> = Paging extends { itemsProperty: infer K extends string }
  ? Data extends { [_ in K]?: readonly (infer T)[] }
    ? T
    : never
  : Data extends readonly (infer T)[]
    ? T
    : never;

export interface ApiClient<P extends {}, F extends OperationFacts, Throw extends boolean = false> {
  GET: Method<P, 'get', Throw>;
  PUT: Method<P, 'put', Throw>;
  POST: Method<P, 'post', Throw>;
  DELETE: Method<P, 'delete', Throw>;
  PATCH: Method<P, 'patch', Throw>;
  HEAD: Method<P, 'head', Throw>;
  OPTIONS: Method<P, 'options', Throw>;
  /**
   * Iterates every item of a paginated listing, in the paging style the spec gives the operation.
   * A failing page throws its typed error; a repeated cursor or page throws PaginationError; an empty
   * page ends the listing.
   */
  paginate<Path extends PaginatedPath<F> & PathsWithMethod<P, 'get'>>(
    path: Path,
    init?: MaybeOptionalInit<{ get: Op<P, Path, 'get'> }, 'get'> & CallOptions & Refused,
    options?: PaginateOptions,
  ): AsyncGenerator<Item<P, F, Path>, void, undefined>;
}

/** The runtime underneath a client: any path and method, untyped. */
export interface Runtime {
  call(method: string, path: string, init?: CallInit): Promise<{ data?: unknown; error?: ApiError; response: Response }>;
  paginate(path: string, init?: CallInit, options?: PaginateOptions): AsyncGenerator<any, void, undefined>;
}
export type CallInit = RequestParts & CallOptions & { signal?: AbortSignal };

/** A typed client (GET, POST … and paginate) of an API whose operations are openapi-typescript's `paths`. */
export function createApiClient<P extends {}, F extends OperationFacts, Throw extends boolean = false>(
  api: ApiDefinition,
  options: RuntimeOptions & { throwOnError?: Throw },
): ApiClient<P, F, Throw> {
  const { call, paginate } = createRuntime(api, options);
  // Untyped underneath: the types of each call come from the spec's `paths` through ApiClient.
  const method =
    (name: string) =>
    (path: PropertyKey, init?: object): Promise<any> =>
      call(name, String(path), init);
  return {
    GET: method('GET'),
    PUT: method('PUT'),
    POST: method('POST'),
    DELETE: method('DELETE'),
    PATCH: method('PATCH'),
    HEAD: method('HEAD'),
    OPTIONS: method('OPTIONS'),
    paginate: (path: PropertyKey, init?: object, paging?: PaginateOptions) => paginate(String(path), init, paging),
  };
}

/** The runtime of a client: its options checked, each call through the retry loop, listings page by page. */
export function createRuntime(api: ApiDefinition, options: RuntimeOptions): Runtime {
  const baseUrl = checkBaseUrl(options.baseUrl ?? api.defaultBaseUrl);
  const defaults = {
    maxRetries: checkCount(options.maxRetries ?? RETRY_DEFAULTS.maxRetries, 'maxRetries'),
    timeout: checkTimeout(options.timeout ?? 60_000),
    maxResponseBytes: checkCount(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes', 1),
  };
  const log = createLog(options.logger, options.logLevel);
  const { hooks = {}, features } = api;
  const { RateLimiter } = features;
  const limiter = options.rateLimit === false || !RateLimiter ? undefined : new RateLimiter();
  // The entry's transport (node:http, for an API with a GET body) unless the user gives a fetch; that
  // must then carry GET bodies too. WHATWG fetch (browsers, Deno, Node's) cannot.
  const { transport } = api;
  const attemptOnce = createAttempt(
    api,
    options.fetch ?? transport ?? ((url, init) => globalThis.fetch(url, init)),
    transport !== undefined,
    requestBuilder(baseUrl.href, api.headers),
    { origin: baseUrl.origin, show: (url) => api.redactor.url(url) },
    log,
  );
  const routes = new Map(Object.entries(api.facts).map(([operation, fact]) => [`${fact.method} ${fact.path}`, { operation, ...fact }]));
  /**
   * A call: its form encoded, then attempt after attempt within the spec's rate limit — the API's hooks
   * before each, a repeat it asks for, retries with backoff of what may be repeated — until data or an error.
   */
  const call: Call = async (method, path, init = {}) => {
    const fact = routes.get(`${method} ${path}`);
    const {
      maxRetries = defaults.maxRetries,
      timeout = defaults.timeout,
      maxResponseBytes = defaults.maxResponseBytes,
      retryNonIdempotent = false,
      signal,
      ...given
    } = init;
    // A form is encoded before anything is sent: a value the API's charset cannot carry fails here.
    const parts =
      fact?.form && features.encodeForm && given.body !== undefined && typeof given.body !== 'string'
        ? { ...given, body: features.encodeForm(given.body as Record<string, unknown>, fact.form) }
        : given;
    const context: CallContext = {
      operation: fact?.operation ?? `${method} ${path}`,
      method,
      path,
      fact,
      signal,
      timeout: checkTimeout(timeout),
      maxRetries: checkCount(maxRetries, 'maxRetries'),
    };
    checkCount(maxResponseBytes, 'maxResponseBytes', 1);
    const aborted = () => new AbortError(`${context.operation}: aborted by the caller`, { cause: signal?.reason });
    if (signal?.aborted) throw aborted();
    const idempotent = (fact?.idempotent ?? !['POST', 'PATCH'].includes(method)) || retryNonIdempotent;
    let recovered = false;

    for (let attempt = 0; ; attempt += 1) {
      let outcome: Attempt;
      const prepared = hooks.prepare ? await hooks.prepare(context) : undefined;
      if (prepared && 'error' in prepared) {
        outcome = { kind: 'error response', ...prepared, retryable: false };
      } else {
        let release = () => {};
        if (limiter && fact?.rateLimit) {
          const asked = Date.now();
          release = await limiter.acquire(context.operation, fact.rateLimit.requestsPerSecond, signal).catch(() => {
            throw aborted();
          });
          const waited = Date.now() - asked;
          if (waited > 0) log.debug(`${context.operation} waited ${waited} ms for its rate limit`);
        }
        outcome = await attemptOnce(context, parts, maxResponseBytes, attempt, prepared?.headers).finally(release);
      }
      if (outcome.kind === 'data') return { data: outcome.data, response: outcome.response };
      const { error } = outcome;
      if (!recovered && hooks.recover?.(error, context)) {
        recovered = true;
        attempt -= 1; // a repeat the API asked for is not a retry
        continue;
      }
      const retryAfterMs = outcome.kind === 'error response' ? outcome.error.retryAfterMs : undefined;
      // A 429 means the API did not act on the request, so even a non-idempotent one may go again.
      const refused = outcome.kind === 'error response' && outcome.error.status === 429;
      const retry =
        attempt < context.maxRetries &&
        outcome.retryable &&
        (idempotent || refused) &&
        (retryAfterMs ?? 0) <= RETRY_DEFAULTS.maxRetryAfterMs;
      if (!retry) {
        if (outcome.kind === 'error response' && !options.throwOnError) return { error: outcome.error, response: outcome.response };
        throw error;
      }
      const delay = retryAfterMs ?? backoffDelay(attempt);
      log.info(`retrying ${context.operation} in ${delay} ms after ${error.message} (retry ${attempt + 1} of ${context.maxRetries})`);
      await sleep(delay, signal).catch(() => {
        throw aborted();
      });
    }
  };
  return { call, paginate: listings(features, routes, call) };
}

type Route = OperationFact & { operation: string };
type Call = Runtime['call'];

/** Every item of a paginated listing, in the paging style the spec gives its operation, each page one call. */
const listings =
  (features: Features, routes: Map<string, Route>, call: Call): Runtime['paginate'] =>
  (path, init = {}, paging) => {
    const fact = routes.get(`GET ${path}`);
    if (!fact?.pagination || !features.paginate) throw new TypeError(`paginate: the spec gives GET ${path} no pagination.`);
    const { pagination } = fact;
    const params = init.params ?? {};
    const query = params.query ?? {};
    const body = (init.body ?? {}) as Record<string, unknown>;
    const inBody = pagination.style === 'page' && pagination.in === 'body';
    const items = pagination.style === 'page' ? pagination.itemsProperty : undefined;
    const lastPage = pagination.style === 'page' ? pagination.lastPageProperty : undefined;
    return features.paginate(
      pagination,
      async (extra) => {
        const result = await call(
          'GET',
          path,
          inBody ? { ...init, body: { ...body, ...extra } } : { ...init, params: { ...params, query: { ...query, ...extra } } },
        );
        if (result.error) throw result.error;
        const data = result.data as Record<string, unknown> | unknown[] | undefined;
        const found = items ? (data as Record<string, unknown> | undefined)?.[items] : data;
        return {
          items: Array.isArray(found) ? found : [],
          response: result.response,
          lastPage: lastPage ? (data as Record<string, unknown> | undefined)?.[lastPage] : undefined,
        };
      },
      inBody ? body : query,
      paging,
    );
  };
