// Options are checked when they are given, before anything is sent: a bad one is a TypeError that names
// the option and never repeats a credential.

/** setTimeout's largest delay; Node turns anything longer into 1 ms. */
export const MAX_TIMEOUT_MS = 2_147_483_647; // 2³¹−1, setTimeout's largest (a literal: bundlers keep `2 ** 31 - 1`)

export function checkTimeout(value: unknown, name = 'timeout'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
    throw new TypeError(`${name} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${describe(value)}.`);
  }
  return value;
}

export function checkCount(value: unknown, name: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`${name} must be a whole number ≥ ${min}, got ${describe(value)}.`);
  }
  return value;
}

/** An absolute http(s) URL without user info. The message never repeats the URL: it may hold a secret. */
export function checkBaseUrl(value: unknown, name = 'baseUrl'): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`${name} must be an absolute http: or https: URL.`);
  }
  if (url.username || url.password) {
    throw new TypeError(`${name} must not carry user info (user:password@); pass credentials through the client's options.`);
  }
  return url;
}

/**
 * A credential: a non-empty string without control characters (CR, LF, NUL…). With `header`, also one
 * that an HTTP header carries as it is: Latin-1, no leading or trailing whitespace. The message names the
 * option and what is wrong, never the value.
 */
export function checkCredential(value: unknown, name: string, { header = false } = {}): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} is required.`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new TypeError(`${name} must not contain control characters (CR, LF, tab, NUL…).`);
  if (header && (/[^\u0020-\u00ff]/.test(value) || value.trim() !== value)) {
    throw new TypeError(`${name} is sent in an HTTP header: it must be Latin-1 text without leading or trailing spaces.`);
  }
  return value;
}

function describe(value: unknown): string {
  return typeof value === 'number' ? String(value) : typeof value;
}
