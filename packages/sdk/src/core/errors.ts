// One error hierarchy for every API. Errors carry what the server said and what was called, never a
// credential: every value they hold has been through the Redactor (see redact.ts).

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

/** What an API's error body says: its code, its message, its field-level detail. */
export interface ErrorBodyParts {
  code?: string | undefined;
  message?: string | undefined;
  detail?: unknown;
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
  declare readonly operation: string;
  declare readonly method: string;
  declare readonly path: string;
  declare readonly status: number;
  declare readonly code: string | undefined;
  declare readonly detail: unknown;
  declare readonly body: Body;
  declare readonly requestId: string | undefined;
  declare readonly headers: Record<string, string>;
  declare readonly retryAfterMs: number | undefined;

  constructor({ apiMessage, ...init }: ApiErrorInit<Body>) {
    super(
      `${init.operation} (${init.method} ${init.path}) failed with HTTP ${init.status}${init.code ? ` ${init.code}` : ''}${apiMessage ? `: ${apiMessage}` : ''}`,
    );
    Object.assign(this, { code: undefined, detail: undefined, requestId: undefined, retryAfterMs: undefined }, init);
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
  const type =
    status === 400 || status === 422
      ? ValidationError
      : status === 401 || status === 403
        ? AuthError
        : status === 404
          ? NotFoundError
          : status === 409
            ? ConflictError
            : status === 429
              ? RateLimitError
              : status >= 500
                ? ServerError
                : ApiError;
  return new type(init);
}

/** The usual error bodies: `{ code, message, errors }`, or the same inside `error` (`{ error: { code, message, detail } }`). */
export function parseErrorBody(body: unknown): ErrorBodyParts {
  const object = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const nested = (typeof object.error === 'object' && object.error !== null ? object.error : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    code: text(nested.code) ?? text(object.code),
    message: text(nested.message) ?? text(object.message) ?? text(object.error),
    detail: nested.detail ?? object.errors ?? object.detail,
  };
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

/** A response the client cannot use: a 2xx whose body is not what the API documents, a refused redirect, a bound passed. */
abstract class ResponseError extends CallError {
  constructor(
    context: ErrorContext,
    readonly status: number,
    message: string,
  ) {
    super(context, message);
  }
}

/** A 2xx response whose body could not be read as the API documents it (e.g. invalid JSON). */
export class InvalidResponseError extends ResponseError {
  override name = 'InvalidResponseError';
}

/**
 * The server answered with a redirect the client does not follow: to another origin (the credentials
 * would go with it), one that would resend a body, more than a few in a row, or one a browser hides.
 * `location` is the target without user info or secret-looking query values; nothing was sent there.
 */
export class RedirectError extends ResponseError {
  override name = 'RedirectError';
  constructor(
    context: ErrorContext,
    status: number,
    readonly location: string | undefined,
    message: string,
  ) {
    super(context, status, message);
  }
}

/** A response over one of the client's bounds (`maxResponseBytes`, or JSON nested too deep); not retried. */
export class ResponseLimitError extends ResponseError {
  override name = 'ResponseLimitError';
  constructor(
    context: ErrorContext,
    status: number,
    readonly limit: 'maxResponseBytes' | 'jsonDepth',
    message: string,
  ) {
    super(context, status, message);
  }
}

/** A paginated listing could not go on (the server repeated a cursor or a page). */
export class PaginationError extends AkinaiError {
  override name = 'PaginationError';
}

/** A field value the API's charset (D.T.P: Shift_JIS, CP932) cannot carry, or CSV cannot hold; the request is not sent. */
export class RequestEncodingError extends AkinaiError {
  override name = 'RequestEncodingError';
  constructor(
    /** The form field. */
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
  }
}

/** The request cannot be sent from this runtime (e.g. a GET with a body, from a browser). */
export class UnsupportedRequestError extends AkinaiError {
  override name = 'UnsupportedRequestError';
}
