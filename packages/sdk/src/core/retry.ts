// When to retry and how long to wait: the policy of the best SDKs (Stainless, Redocly's generated
// client): exponential backoff with jitter, Retry-After honoured within a cap.

export const RETRY_DEFAULTS = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  /** A Retry-After longer than this is not waited for: the error is returned instead. */
  maxRetryAfterMs: 60_000,
} as const;

/** 408, 429 and 5xx are worth another attempt (of an idempotent request). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff (0.5 s, 1 s, 2 s … capped at 8 s) with up to 25 % jitter downwards. */
export function backoffDelay(retry: number, random = Math.random): number {
  const base = Math.min(RETRY_DEFAULTS.initialDelayMs * 2 ** retry, RETRY_DEFAULTS.maxDelayMs);
  return Math.round(base * (1 - 0.25 * random()));
}
