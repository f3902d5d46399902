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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// RFC 9110's HTTP-date: IMF-fixdate, and the two obsolete forms a recipient must still read. Regular
// expression literals, not `new RegExp(…)` of parts: importing an entry runs nothing, and a bundler
// drops what is not used (consumers/test/tree-shaking.test.ts).
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC_850 =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( \d|\d{2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * Retry-After as milliseconds (RFC 9110 §10.2.3): delay-seconds (digits only) or an HTTP-date. Anything
 * else (`-5`, `1.5`, `2, 2`, a date in another format) is ignored: undefined, and the normal backoff applies.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = httpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

function httpDate(text: string, now: number): number | undefined {
  let parts: [day: string, month: string, year: number, time: string[]] | undefined;
  const imf = IMF_FIXDATE.exec(text);
  const rfc850 = imf ? null : RFC_850.exec(text);
  const asctime = imf || rfc850 ? null : ASCTIME.exec(text);
  if (imf) parts = [imf[2]!, imf[3]!, Number(imf[4]), imf.slice(5, 8)];
  else if (rfc850) {
    // A two-digit year more than 50 years ahead is the most recent past year with those digits.
    const thisYear = new Date(now).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(rfc850[4]);
    if (year > thisYear + 50) year -= 100;
    parts = [rfc850[2]!, rfc850[3]!, year, rfc850.slice(5, 8)];
  } else if (asctime) parts = [asctime[3]!.trim(), asctime[2]!, Number(asctime[7]), asctime.slice(4, 7)];
  if (!parts) return undefined;
  const [day, month, year, [hours, minutes, seconds]] = parts;
  const date = Date.UTC(year, MONTHS.indexOf(month), Number(day), Number(hours), Number(minutes), Number(seconds));
  return Number.isNaN(date) || new Date(date).getUTCDate() !== Number(day) ? undefined : date;
}

/** Exponential backoff (0.5 s, 1 s, 2 s … capped at 8 s) with up to 25 % jitter downwards. */
export function backoffDelay(retry: number, random = Math.random): number {
  const base = Math.min(RETRY_DEFAULTS.initialDelayMs * 2 ** retry, RETRY_DEFAULTS.maxDelayMs);
  return Math.round(base * (1 - 0.25 * random()));
}

/** setTimeout as a promise that an AbortSignal cancels (rejecting with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
