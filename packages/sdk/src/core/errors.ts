/** Base class of every error the akinai SDK throws. */
export class AkinaiError extends Error {
  override name = 'AkinaiError';
}

/** The API answered with a non-2xx status. Carries what the API said, never the request's credentials. */
export class ApiError extends AkinaiError {
  override name = 'ApiError';
  constructor(
    /** operationId of the call, e.g. `listMembers`. */
    readonly operation: string,
    readonly status: number,
    /** The API's own error code, when its body carries one. */
    readonly code: string | undefined,
    /** The parsed response body (undefined when empty). */
    readonly body: unknown,
    message?: string,
  ) {
    super(`${operation} failed with HTTP ${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`);
  }
}

/** A paginated listing could not go on (e.g. the server handed back a cursor it had already given). */
export class PaginationError extends AkinaiError {
  override name = 'PaginationError';
}
