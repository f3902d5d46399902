// The shared runtime every API's client is built from: openapi-fetch underneath, and around each call
// the spec's rate limit, a per-attempt timeout composed with the caller's signal, retries with
// backoff, typed errors, and redacted logs.
import createClient, { type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import {
  AbortError,
  AkinaiError,
  apiErrorFor,
  ConnectionError,
  InvalidResponseError,
  TimeoutError,
  type ApiError,
  type ErrorContext,
} from './errors.js';
import { createLog, type Logger, type LogLevel } from './log.js';
import { paginate, type PaginateOptions, type Pagination } from './pagination.js';
import { RateLimiter, sleep } from './rate-limit.js';
import { redactHeaders, redactUrl, scrub } from './redact.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, RETRY_DEFAULTS } from './retry.js';

/** What the generator knows of each operation (src/generated/<api>.ts, `operationFacts`). */
export interface OperationFact {
  readonly method: string;
  readonly path: string;
  readonly idempotent: boolean;
  readonly rateLimit?: { readonly requestsPerSecond: number };
  readonly pagination?: Pagination;
}
export type OperationFacts = Readonly<Record<string, OperationFact>>;

/** Options every API's client accepts, with the names users of the best SDKs know. */
export interface RuntimeOptions {
  /** Base URL of the API (default: the vendor's server from the spec). */
  baseUrl?: string;
  /** A fetch implementation (default: the global fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** Retries after a network error, 408, 429 or 5xx (default 2). Per call too. */
  maxRetries?: number;
  /** Milliseconds for each attempt, body included (default 60 000). Per call too. */
  timeout?: number;
  /** Throw the typed error instead of returning `{ error }` (default false). */
  throwOnError?: boolean;
  /** Keep to the spec's per-operation rate limits on the client (default true). */
  rateLimit?: boolean;
  /** Default: $AKINAI_LOG, else `warn`. */
  logLevel?: LogLevel;
  /** Default: console. */
  logger?: Logger;
}

/** Options of one call, beside openapi-fetch's own (`params`, `body`, `headers`, `signal` …). */
export interface CallOptions {
  maxRetries?: number;
  timeout?: number;
  /** Allow retries of this call although the operation is not idempotent (e.g. a POST). */
  retryNonIdempotent?: boolean;
}

/** How one API plugs into the runtime. */
export interface ApiDefinition {
  facts: OperationFacts;
  defaultBaseUrl: string;
  /** Headers sent with every request (credentials included). */
  headers: Record<string, string>;
  /** Strings that must never appear in a log line or an error (the credentials). */
  secrets: string[];
  /** Reads the API's error body: its code, message and field detail. */
  parseError(body: unknown): { code?: string | undefined; message?: string | undefined; detail?: unknown };
  /** How requests are built and sent, when WHATWG's Request and fetch will not do (see transport.node.ts). */
  transport?: Transport;
}

export interface Transport {
  Request: typeof Request;
  fetch(request: Request): Promise<Response>;
}

type Media = `${string}/${string}`;
type Success<T extends Record<string | number, any>, I> = Extract<FetchResponse<T, I, Media>, { error?: never }>['data'];
type ErrorBody<T extends Record<string | number, any>, I> = Extract<FetchResponse<T, I, Media>, { data?: never }>['error'];

/** What a call resolves to: data, or the typed error (never an undefined error on failure). */
export type ApiResult<T extends Record<string | number, any>, I> =
  | { data: Success<T, I>; error?: undefined; response: Response }
  | { data?: undefined; error: ApiError<ErrorBody<T, I>>; response: Response };
export type ApiSuccess<T extends Record<string | number, any>, I> = { data: Success<T, I>; response: Response };

type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & CallOptions)?] : [Init & CallOptions];
/** The operation object of a path and method in openapi-typescript's `paths`. */
type Op<P, Path extends keyof P, M extends HttpMethod> = P[Path] extends { [K in M]: infer O }
  ? O extends Record<string | number, any>
    ? O
    : never
  : never;
type Method<P extends {}, M extends HttpMethod, Throw extends boolean> = <
  Path extends PathsWithMethod<P, M>,
  Init extends MaybeOptionalInit<{ [K in M]: Op<P, Path, M> }, M>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<Throw extends true ? ApiSuccess<Op<P, Path, M>, Init> : ApiResult<Op<P, Path, M>, Init>>;

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
   * A failing page throws its typed error; a repeated cursor or page throws PaginationError.
   */
  paginate<Path extends PaginatedPath<F> & PathsWithMethod<P, 'get'>>(
    path: Path,
    init?: MaybeOptionalInit<{ get: Op<P, Path, 'get'> }, 'get'> & CallOptions,
    options?: PaginateOptions,
  ): AsyncGenerator<Item<P, F, Path>, void, undefined>;
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;
type Call = (method: string, path: string, init?: Record<string, unknown>) => Promise<any>;
/** One attempt's outcome: data, an error response from the API, or no usable response at all. */
type Attempt =
  | { kind: 'data'; result: { data?: unknown; response: Response } }
  | { kind: 'error response'; error: ApiError; response: Response; retryable: boolean }
  | { kind: 'failure'; error: AkinaiError; retryable: boolean };

export function createApiClient<P extends {}, F extends OperationFacts, Throw extends boolean = false>(
  api: ApiDefinition,
  options: RuntimeOptions & { throwOnError?: Throw },
): ApiClient<P, F, Throw> {
  const defaults = {
    maxRetries: checkCount('maxRetries', options.maxRetries ?? RETRY_DEFAULTS.maxRetries),
    timeout: checkCount('timeout', options.timeout ?? 60_000),
  };
  const log = createLog(options.logger, options.logLevel);
  const limiter = options.rateLimit === false ? undefined : new RateLimiter();
  const baseFetch = options.fetch ?? api.transport?.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<P>({
    baseUrl: options.baseUrl ?? api.defaultBaseUrl,
    headers: api.headers,
    ...(api.transport && { Request: api.transport.Request }),
  });
  const routes = new Map(Object.entries(api.facts).map(([operation, fact]) => [`${fact.method} ${fact.path}`, { operation, ...fact }]));

  const call: Call = async (method, path, init = {}) => {
    const fact = routes.get(`${method} ${path}`);
    const context: ErrorContext = { operation: fact?.operation ?? `${method} ${path}`, method, path };
    const { maxRetries = defaults.maxRetries, timeout = defaults.timeout, retryNonIdempotent = false, signal, ...rest } =
      init as CallOptions & { signal?: AbortSignal };
    checkCount('maxRetries', maxRetries);
    checkCount('timeout', timeout);
    const idempotent = (fact?.idempotent ?? !['POST', 'PATCH'].includes(method)) || retryNonIdempotent;

    for (let attempt = 0; ; attempt += 1) {
      let release = () => {};
      if (limiter && fact?.rateLimit) {
        const asked = Date.now();
        release = await limiter.acquire(context.operation, fact.rateLimit.requestsPerSecond, signal).catch(() => {
          throw new AbortError(`${context.operation}: aborted by the caller`, { cause: signal?.reason });
        });
        const waited = Date.now() - asked;
        if (waited > 0) log.debug(`${context.operation} waited ${waited} ms for its rate limit`);
      }
      const outcome = await attemptOnce(context, rest, signal, timeout, attempt).finally(release);
      if (outcome.kind === 'data') return outcome.result;
      const { error } = outcome;
      const retryAfterMs = outcome.kind === 'error response' ? outcome.error.retryAfterMs : undefined;
      // A 429 means the API did not act on the request, so even a non-idempotent one may go again.
      const refused = outcome.kind === 'error response' && outcome.error.status === 429;
      const retry =
        attempt < maxRetries &&
        outcome.retryable &&
        (idempotent || refused) &&
        (retryAfterMs ?? 0) <= RETRY_DEFAULTS.maxRetryAfterMs;
      if (!retry) {
        if (outcome.kind === 'error response' && !options.throwOnError) return { error, response: outcome.response };
        throw error;
      }
      const delay = retryAfterMs ?? backoffDelay(attempt);
      log.info(`retrying ${context.operation} in ${delay} ms after ${error.message} (retry ${attempt + 1} of ${maxRetries})`);
      await sleep(delay, signal).catch(() => {
        throw new AbortError(`${context.operation}: aborted by the caller`, { cause: signal?.reason });
      });
    }
  };

  /** One attempt: its own timeout (covering the body) composed with the caller's signal. */
  async function attemptOnce(
    context: ErrorContext,
    init: Record<string, unknown>,
    callerSignal: AbortSignal | undefined,
    timeout: number,
    attempt: number,
  ): Promise<Attempt> {
    const timer = new AbortController();
    const timeoutId = setTimeout(() => timer.abort(), timeout);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timer.signal]) : timer.signal;
    let response: Response | undefined;
    const started = Date.now();
    try {
      const result = await (client as unknown as Record<string, (path: string, init: object) => Promise<any>>)[context.method]!(
        context.path,
        {
          ...init,
          signal,
          fetch: async (request: Request) => {
            if (log.debugging) log.debug(`→ ${request.method} ${redactUrl(request.url)} (${context.operation}, attempt ${attempt + 1})`);
            response = await baseFetch(request);
            if (log.debugging) log.debug(`← ${response.status} ${context.operation} in ${Date.now() - started} ms`);
            return response;
          },
        },
      );
      if (result.response.ok) return { kind: 'data', result };
      const error = toApiError(context, result.response, result.error);
      if (error.status === 429) log.warn(`${context.operation} drew a 429 from the server`);
      return { kind: 'error response', error, response: result.response, retryable: isRetryableStatus(error.status) };
    } catch (cause) {
      if (callerSignal?.aborted) {
        throw new AbortError(`${context.operation}: aborted by the caller`, { cause: callerSignal.reason });
      }
      if (cause instanceof AkinaiError) throw cause; // e.g. the transport refusing a request it cannot send
      if (timer.signal.aborted) return { kind: 'failure', error: new TimeoutError(context, timeout), retryable: true };
      if (cause instanceof SyntaxError && response) {
        const error = new InvalidResponseError(context, response.status, `the body is not valid JSON (${cause.message})`, { cause });
        return { kind: 'failure', error, retryable: false };
      }
      const message = scrub(describe(cause), api.secrets);
      return { kind: 'failure', error: new ConnectionError(context, message, { cause }), retryable: true };
    } finally {
      clearTimeout(timeoutId);
    }
  }

  function toApiError(context: ErrorContext, response: Response, body: unknown): ApiError {
    const parsed = body === undefined || body === '' ? {} : api.parseError(body);
    return apiErrorFor({
      ...context,
      status: response.status,
      code: parsed.code,
      apiMessage: parsed.message === undefined ? undefined : scrub(parsed.message, api.secrets),
      detail: parsed.detail,
      body: body === '' ? undefined : scrubDeep(body, api.secrets),
      requestId: response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? undefined,
      headers: redactHeaders(response.headers),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }

  const methods = Object.fromEntries(
    METHODS.map((method) => [method, (path: string, init?: Record<string, unknown>) => call(method, path, init)]),
  );

  function paginateListing(path: string, init: Record<string, unknown> = {}, paging?: PaginateOptions) {
    const fact = routes.get(`GET ${path}`);
    if (!fact?.pagination) throw new TypeError(`paginate: the spec gives GET ${path} no pagination.`);
    const { pagination } = fact;
    const params = (init.params ?? {}) as { query?: Record<string, unknown> };
    const query = params.query ?? {};
    const body = (init.body ?? {}) as Record<string, unknown>;
    const inBody = pagination.style === 'page' && pagination.in === 'body';
    const items = pagination.style === 'page' ? pagination.itemsProperty : undefined;
    const lastPage = pagination.style === 'page' ? pagination.lastPageProperty : undefined;
    return paginate(
      pagination,
      async (extra) => {
        const result = await call(
          'GET',
          path,
          inBody ? { ...init, body: { ...body, ...extra } } : { ...init, params: { ...params, query: { ...query, ...extra } } },
        );
        if (result.error) throw result.error;
        const data = result.data;
        return {
          items: (items ? data?.[items] : data) ?? [],
          response: result.response,
          lastPage: lastPage ? data?.[lastPage] : undefined,
        };
      },
      inBody ? body : query,
      paging,
    );
  }

  return { ...methods, paginate: paginateListing } as unknown as ApiClient<P, F, Throw>;
}

/** The body with every secret removed from its strings (a server may echo what it was sent). */
function scrubDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, secrets)]));
  }
  return value;
}

function checkCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`${name} must be a whole number of ${name === 'timeout' ? 'milliseconds' : 'retries'} ≥ 0, got ${String(value)}.`);
  }
  return value;
}

/** A network error's message with its cause (undici puts the useful part, e.g. ECONNRESET, there). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJSError).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}
type NodeJSError = Error & { code?: string };
