// The shared runtime every API's client is built from: openapi-fetch's types and serializers, and
// around each call the spec's rate limit, a per-attempt timeout composed with the caller's signal,
// retries with backoff, the redirect policy that keeps credentials on their origin, bounded response
// bodies, typed errors that never carry a secret, and logs. An API plugs in through ApiDefinition.
import type { FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { DEFAULT_MAX_RESPONSE_BYTES, parseJson, readBody } from './body.js';
import type { CsvFormat, Pagination, RateLimit, StatusRow } from './extensions.js';
import type { encodeForm, FormFacts } from './forms.js';
import {
  AbortError,
  AkinaiError,
  apiErrorFor,
  ConnectionError,
  InvalidResponseError,
  TimeoutError,
  UnsupportedRequestError,
  type ApiError,
  type ErrorBodyParts,
  type ErrorContext,
} from './errors.js';
import { createLog, type Logger, type LogLevel } from './log.js';
import { checkBaseUrl, checkCount, checkTimeout } from './options.js';
import type { paginate, PaginateOptions } from './pagination.js';
import type { RateLimiter } from './rate-limit.js';
import type { Redactor } from './redact.js';
import { sendFollowing, type Fetch, type RedirectPolicy } from './redirects.js';
import { requestBuilder, type RequestParts } from './request.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, RETRY_DEFAULTS, sleep } from './retry.js';
import type { fromWire, WireShape } from './wire.js';

/** What the generator knows of each operation (src/generated/<api>.ts, `operationFacts`). */
export interface OperationFact {
  readonly method: string;
  readonly path: string;
  readonly idempotent: boolean;
  /** The 2xx statuses the spec documents with a body: an empty body there is an invalid response. */
  readonly bodyStatuses?: readonly number[];
  /** Headers the vendor's pages show on its requests (x-akinai-request-headers), sent unless the call sets them. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly rateLimit?: RateLimit;
  readonly pagination?: Pagination;
  /** A form body: its charset and CSV fields (the client encodes an object body so). */
  readonly form?: FormFacts;
  /** The success body as sent, to hand it over as typed (numbers the vendor quotes, aliases). */
  readonly wire?: WireShape;
  /** A command API's status codes (x-akinai-status-codes), for its hooks. */
  readonly statusCodes?: readonly StatusRow[];
  /** A CSV a command returns in Status (x-akinai-csv), for its hooks. */
  readonly statusCsv?: CsvFormat;
}
export type OperationFacts = Readonly<Record<string, OperationFact>>;

/** Options every API's client accepts, with the names users of the best SDKs know. */
export interface RuntimeOptions {
  /** Base URL of the API (default: the vendor's server from the spec). Credentials go to its origin only. */
  baseUrl?: string;
  /** A fetch implementation, called as `fetch(url, init)` (default: the global fetch). `init.redirect` is `'manual'`. */
  fetch?: Fetch;
  /** Retries after a network error, 408, 429 or 5xx (default 2). Per call too. */
  maxRetries?: number;
  /** Milliseconds for each attempt, body included: 1 to 2³¹−1 (default 60 000). Per call too. */
  timeout?: number;
  /** The largest response body read, after decompression (default 32 MiB). Per call too. */
  maxResponseBytes?: number;
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
  maxResponseBytes?: number;
  /** Allow retries of this call although the operation is not idempotent (e.g. a POST). */
  retryNonIdempotent?: boolean;
}

/** One call, as the hooks see it. */
export interface CallContext extends ErrorContext {
  /** What the spec says of the operation (undefined for a path it does not know). */
  fact: OperationFact | undefined;
  signal: AbortSignal | undefined;
  timeout: number;
  maxRetries: number;
}

/** An outcome that ends an attempt with the API's error. */
export type ErrorOutcome = { error: ApiError; response: Response };

/** Where an API's own protocol joins the single retry loop (D.T.P: its session, charset and StatusCode). */
export interface ApiHooks {
  /** Before each attempt: headers to add (a session cookie), or the error that ends the call (a refused login). */
  prepare?(call: CallContext): Promise<{ headers?: Record<string, string> } | ErrorOutcome>;
  /** Each final response, before its body is read (D.T.P keeps the session cookies it sets). */
  observe?(response: Response, call: CallContext): void;
  /** A body's text (default UTF-8). */
  decode?(bytes: Uint8Array, response: Response): string;
  /** A 2xx body as data, or the API's error (D.T.P answers failures with HTTP 200 and a StatusCode). */
  interpret?(data: unknown, response: Response, call: CallContext): { data: unknown } | { error: ApiError };
  /** After a failed attempt: true repeats it at once, at most once a call (D.T.P: the session had ended). */
  recover?(error: AkinaiError, call: CallContext): boolean;
}

/** How one API plugs into the runtime. */
export interface ApiDefinition {
  facts: OperationFacts;
  defaultBaseUrl: string;
  /** Headers sent with every request, which no call can replace (the credentials). */
  headers: Record<string, string>;
  /** Knows the credentials: nothing an error or a log line shows gets past it. */
  redactor: Redactor;
  /** Reads the API's error body: its code, message and field detail. */
  parseError(body: unknown): ErrorBodyParts;
  /** The parts of the runtime the API's spec needs (src/generated/<api>.ts, `features`); an entry ships only those. */
  features: Features;
  /**
   * What the entry sends with when the user gives no `fetch`: Pittaly Order's Node.js entry gives
   * node:http(s) (transport.node.ts), which carries a body on GET. Without one, the global fetch, and
   * a GET with a body is refused with UnsupportedRequestError.
   */
  transport?: Fetch | undefined;
  hooks?: ApiHooks;
}

export interface Features {
  /** Keeps the spec's per-operation rate limits (x-akinai-rate-limit). */
  RateLimiter?: typeof RateLimiter;
  /** Walks paginated listings (x-akinai-pagination). */
  paginate?: typeof paginate;
  /** Hands over what the vendor sends otherwise than typed (x-akinai-coerce, x-akinai-alias-of). */
  fromWire?: typeof fromWire;
  /** Encodes form bodies (a request body of application/x-www-form-urlencoded). */
  encodeForm?: typeof encodeForm;
}

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

/** One attempt's outcome: data, an error response from the API, or no usable response at all. */
type Attempt =
  | { kind: 'data'; data: unknown; response: Response }
  | { kind: 'error response'; error: ApiError; response: Response; retryable: boolean }
  | { kind: 'failure'; error: AkinaiError; retryable: boolean };
// Pure: importing an entry runs nothing (consumers/test/tree-shaking.test.ts).
const decoder = /* @__PURE__ */ new TextDecoder();

export function createRuntime(api: ApiDefinition, options: RuntimeOptions): Runtime {
  const { redactor, hooks = {} } = api;
  const baseUrl = checkBaseUrl(options.baseUrl ?? api.defaultBaseUrl);
  const defaults = {
    maxRetries: checkCount(options.maxRetries ?? RETRY_DEFAULTS.maxRetries, 'maxRetries'),
    timeout: checkTimeout(options.timeout ?? 60_000),
    maxResponseBytes: checkCount(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes', 1),
  };
  const log = createLog(options.logger, options.logLevel);
  const { features } = api;
  const limiter = options.rateLimit === false || !features.RateLimiter ? undefined : new features.RateLimiter();
  // The entry's transport (node:http, for an API with a GET body) unless the user gives a fetch; that
  // must then carry GET bodies too. WHATWG fetch (browsers, Deno, Node's) cannot.
  const { transport } = api;
  const send: Fetch = options.fetch ?? transport ?? ((url, init) => globalThis.fetch(url, init));
  const bodyOnGet = transport !== undefined;
  const build = requestBuilder(baseUrl.href, api.headers);
  const redirects: RedirectPolicy = { origin: baseUrl.origin, show: (url) => redactor.url(url) };
  const decode = hooks.decode ?? ((bytes: Uint8Array) => decoder.decode(bytes));
  const routes = new Map(Object.entries(api.facts).map(([operation, fact]) => [`${fact.method} ${fact.path}`, { operation, ...fact }]));

  async function call(
    method: string,
    path: string,
    init: CallInit = {},
  ): Promise<{ data?: unknown; error?: ApiError; response: Response }> {
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
  }

  /** One attempt: its own timeout (covering the body) composed with the caller's signal. */
  async function attemptOnce(
    context: CallContext,
    parts: RequestParts,
    maxBytes: number,
    attempt: number,
    extraHeaders: Record<string, string> | undefined,
  ): Promise<Attempt> {
    // One signal for the attempt, aborted by its timer or by the caller (cheaper than AbortSignal.any).
    const timer = new AbortController();
    const timeoutId = setTimeout(() => timer.abort(), context.timeout);
    const callerSignal = context.signal;
    const onAbort = () => timer.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    const { signal } = timer;
    let status: number | undefined;
    const started = Date.now();
    try {
      if (!bodyOnGet && parts.body !== undefined && (context.method === 'GET' || context.method === 'HEAD')) {
        throw new UnsupportedRequestError(
          `${context.method} ${context.path} carries a JSON body, as the API documents it, and WHATWG fetch (browsers, ` +
            'Deno) cannot send a body on GET. Call it from Node.js, where @akinai/sdk sends it through node:http ' +
            '(e.g. from your own backend).',
        );
      }
      const request = build(context.method, context.path, parts, signal, extraHeaders, context.fact);
      if (log.debugging) log.debug(`→ ${context.method} ${redactor.url(request.url)} (${context.operation}, attempt ${attempt + 1})`);
      const response = await sendFollowing(request, send, redirects, context);
      status = response.status;
      if (log.debugging) log.debug(`← ${status} ${context.operation} in ${Date.now() - started} ms`);
      hooks.observe?.(response, context);
      const bytes = await readBody(response, maxBytes, context);
      const text = bytes.byteLength === 0 ? '' : decode(bytes, response);
      if (response.ok) {
        if (text === '') {
          if (context.method !== 'HEAD' && context.fact?.bodyStatuses?.includes(status)) {
            const error = new InvalidResponseError(context, status, `HTTP ${status} came with an empty body, though the API documents one`);
            return { kind: 'failure', error, retryable: false };
          }
          return interpret(undefined, response, context);
        }
        return interpret(parseJson(text, context, status), response, context);
      }
      let body: unknown = text === '' ? undefined : text;
      try {
        if (text !== '') body = parseJson(text, context, status);
      } catch (cause) {
        if (!(cause instanceof SyntaxError)) throw cause; // an error page in HTML stays text
      }
      const error = toApiError(context, response, body);
      if (error.status === 429) log.warn(`${context.operation} drew a 429 from the server`);
      return { kind: 'error response', error, response, retryable: isRetryableStatus(error.status) };
    } catch (cause) {
      if (callerSignal?.aborted) {
        throw new AbortError(`${context.operation}: aborted by the caller`, { cause: callerSignal.reason });
      }
      if (cause instanceof AkinaiError) return { kind: 'failure', error: cause, retryable: false };
      if (signal.aborted) return { kind: 'failure', error: new TimeoutError(context, context.timeout), retryable: true };
      if (cause instanceof SyntaxError && status !== undefined) {
        // Not the parser's message: it quotes the body, and a cut-off quote could hold part of a secret.
        const error = new InvalidResponseError(context, status, 'the body is not valid JSON');
        return { kind: 'failure', error, retryable: false };
      }
      const error = new ConnectionError(context, redactor.text(describe(cause)), { cause: redactor.error(cause) });
      return { kind: 'failure', error, retryable: true };
    } finally {
      clearTimeout(timeoutId);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }

  /** The API's reading of a 2xx body (a hook may find an error in it), handed over as typed. */
  function interpret(data: unknown, response: Response, context: CallContext): Attempt {
    const result = hooks.interpret ? hooks.interpret(data, response, context) : { data };
    if ('error' in result) return { kind: 'error response', error: result.error, response, retryable: false };
    const wire = context.fact?.wire;
    return { kind: 'data', data: wire && features.fromWire ? features.fromWire(result.data, wire) : result.data, response };
  }

  function toApiError(context: ErrorContext, response: Response, body: unknown): ApiError {
    const parsed = body === undefined ? {} : api.parseError(body);
    return apiErrorFor({
      ...context,
      status: response.status,
      code: parsed.code === undefined ? undefined : redactor.text(parsed.code),
      apiMessage: parsed.message === undefined ? undefined : redactor.text(parsed.message),
      detail: redactor.value(parsed.detail),
      body: redactor.value(body),
      requestId: redactor.value(response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? undefined),
      headers: redactor.headers(response.headers),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }

  function paginateListing(path: string, init: CallInit = {}, paging?: PaginateOptions) {
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
  }

  return { call, paginate: paginateListing };
}

/** A network error's message with its cause (undici puts the useful part, e.g. ECONNRESET, there). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as Error & { code?: string }).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}
