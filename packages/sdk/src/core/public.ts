// What every API entry re-exports from the shared runtime.
export * from './errors.js';
export type { ApiClient, ApiResult, ApiSuccess, CallOptions, RuntimeOptions } from './client.js';
export type { Logger, LogLevel } from './log.js';
export type { PaginateOptions } from './pagination.js';
