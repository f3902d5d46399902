// One error hierarchy for every API. Errors carry what the server said and what was called, never
// the request's credentials (see redact.ts): no request headers, no request body.

export interface ErrorContext {
  /** operationId of the call, e.g. `listMembers`. */
  operation: string;
  method: string;
  /** The path template, e.g. `/members/{member_id}`. */
  path: string;
}

/** Base class of every error the akinai SDK throws or returns. */
export class AkinaiError extends Error {
  override name = 'AkinaiError';
}

export interface ApiErrorInit<Body> extends ErrorContext {
  status: number;
  /** The API's own error code, when its body carries one. */
  code?: string | undefined;
  /** The API's own message (often Japanese). */
  apiMessage?: string | undefined;
  /** The API's field-level detail, when its body carries one. */
  detail?: unknown;
  /** The parsed response body; undefined when the body was empty. */
  body: Body;
  requestId?: string | undefined;
  /** Response headers, credentials redacted. */
  headers: Record<string, string>;
  /** For 429 and 503: how long the server asked to wait, in milliseconds. */
  retryAfterMs?: number | undefined;
}

/** The API answered with a non-2xx status. `instanceof` one of the subclasses to tell families apart. */
export class ApiError<Body = unknown> extends AkinaiError {
  override name = 'ApiError';
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code: string | undefined;
  readonly detail: unknown;
  readonly body: Body;
  readonly requestId: string | undefined;
  readonly headers: Record<string, string>;
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit<Body>) {
    super(
      `${init.operation} (${init.method} ${init.path}) failed with HTTP ${init.status}` +
        (init.code ? ` ${init.code}` : '') +
        (init.apiMessage ? `: ${init.apiMessage}` : ''),
    );
    this.operation = init.operation;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.body = init.body;
    this.requestId = init.requestId;
    this.headers = init.headers;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 400 and 422: the request did not pass the API's validation; `detail` says why, per field. */
export class ValidationError<Body = unknown> extends ApiError<Body> {
  override name = 'ValidationError';
}
/** 401 and 403: missing or wrong credentials, or a key without the scope the operation needs. */
export class AuthError<Body = unknown> extends ApiError<Body> {
  override name = 'AuthError';
}
/** 404: what the request names does not exist. */
export class NotFoundError<Body = unknown> extends ApiError<Body> {
  override name = 'NotFoundError';
}
/** 409: the request conflicts with the resource's current state. */
export class ConflictError<Body = unknown> extends ApiError<Body> {
  override name = 'ConflictError';
}
/** 429: over the API's rate limit, still after the retries. */
export class RateLimitError<Body = unknown> extends ApiError<Body> {
  override name = 'RateLimitError';
}
/** 5xx: the API failed, still after the retries. */
export class ServerError<Body = unknown> extends ApiError<Body> {
  override name = 'ServerError';
}

/** The ApiError subclass for a status. */
export function apiErrorFor<Body>(init: ApiErrorInit<Body>): ApiError<Body> {
  const { status } = init;
  if (status === 400 || status === 422) return new ValidationError(init);
  if (status === 401 || status === 403) return new AuthError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 409) return new ConflictError(init);
  if (status === 429) return new RateLimitError(init);
  if (status >= 500) return new ServerError(init);
  return new ApiError(init);
}

/** An error about one call, named in its message: `getMember (GET /members/{member_id}): …`. */
abstract class CallError extends AkinaiError {
  constructor(
    readonly context: ErrorContext,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${context.operation} (${context.method} ${context.path}): ${message}`, options);
  }
}

/** No usable response: the connection failed, was reset, or the server could not be reached. */
export class ConnectionError extends CallError {
  override name = 'ConnectionError';
}

/** The request (or reading its response body) took longer than its `timeout`. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
  constructor(
    context: ErrorContext,
    readonly timeoutMs: number,
  ) {
    super(context, `no complete response within ${timeoutMs} ms`);
  }
}

/** The caller aborted the request through its AbortSignal. */
export class AbortError extends AkinaiError {
  override name = 'AbortError';
}

/** A 2xx response whose body could not be read as the API documents it (e.g. invalid JSON). */
export class InvalidResponseError extends CallError {
  override name = 'InvalidResponseError';
  constructor(
    context: ErrorContext,
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(context, message, options);
  }
}

/**
 * The server answered with a redirect the client does not follow: to another origin (the credentials
 * would go with it), one that would resend a body, more than a few in a row, or one a browser hides.
 * `location` is the target without user info or secret-looking query values; nothing was sent there.
 */
export class RedirectError extends CallError {
  override name = 'RedirectError';
  constructor(
    context: ErrorContext,
    readonly status: number,
    readonly location: string | undefined,
    message: string,
  ) {
    super(context, message);
  }
}

/** A response over one of the client's bounds (`maxResponseBytes`, or JSON nested too deep); not retried. */
export class ResponseLimitError extends CallError {
  override name = 'ResponseLimitError';
  constructor(
    context: ErrorContext,
    readonly status: number,
    readonly limit: 'maxResponseBytes' | 'jsonDepth',
    message: string,
  ) {
    super(context, message);
  }
}

/** A paginated listing could not go on (the server repeated a cursor or a page). */
export class PaginationError extends AkinaiError {
  override name = 'PaginationError';
}

/** The request cannot be sent from this runtime (e.g. a GET with a body, from a browser). */
export class UnsupportedRequestError extends AkinaiError {
  override name = 'UnsupportedRequestError';
}
