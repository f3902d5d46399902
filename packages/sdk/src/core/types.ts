// The runtime's contract with an API's entry: what the generator knows of each operation (OperationFact,
// src/generated/<api>.ts), the runtime parts a spec needs (Features), the options a client and a call take,
// and how an API plugs in (ApiDefinition, with its hooks into the retry loop). Types only.
import type { CsvFormat, Pagination, RateLimit, StatusRow } from './extensions.js';
import type { AkinaiError, ApiError, ErrorBodyParts, ErrorContext } from './errors.js';
import type { encodeForm, FormFacts } from './forms.js';
import type { Logger, LogLevel } from './log.js';
import type { paginate } from './pagination.js';
import type { RateLimiter } from './rate-limit.js';
import type { Redactor } from './redact.js';
import type { fromWire, WireShape } from './wire.js';

/** fetch's signature: what the runtime sends with (the global fetch, a user's, or a transport). */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

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
