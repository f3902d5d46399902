// What every API entry exports from the shared runtime, by name (test/exports.test.ts keeps the list).
export {
  AbortError,
  AkinaiError,
  ApiError,
  AuthError,
  ConflictError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  PaginationError,
  RateLimitError,
  RedirectError,
  RequestEncodingError,
  ResponseLimitError,
  ServerError,
  TimeoutError,
  UnsupportedRequestError,
  ValidationError,
  type ErrorContext,
} from './errors.js';
export type { ApiClient, ApiResult, ApiSuccess } from './client.js';
export type { CallOptions, Fetch, RuntimeOptions } from './types.js';
export type { Logger, LogLevel } from './log.js';
export type { PaginateOptions } from './pagination.js';
