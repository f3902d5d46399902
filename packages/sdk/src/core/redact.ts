// Credentials must never reach a log line, an error message or an error's properties.

const SENSITIVE_HEADER = /^(authorization|proxy-authorization|x-identification|cookie|set-cookie|x-api-key)$/i;
const SENSITIVE_NAME = /pass|token|secret|auth|key|session|cookie|credential/i;
const REDACTED = '[REDACTED]';

/** Headers as a plain object, with every credential-bearing header's value replaced. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SENSITIVE_HEADER.test(name) ? REDACTED : value;
  });
  return out;
}

/** A URL for logs: no user info, and query parameters whose names suggest a secret are redacted. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) {
      if (SENSITIVE_NAME.test(name)) parsed.searchParams.set(name, REDACTED);
    }
    return parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED);
  } catch {
    return '[unparseable URL]';
  }
}

/** Removes every occurrence of the given secrets from a text (for messages built from foreign errors). */
export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret ? out.split(secret).join(REDACTED) : out), text);
}
