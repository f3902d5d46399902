// Credentials never reach a log line or an error: every place an error can show a value goes through a
// Redactor, which knows each secret and the forms a server may echo it in (JSON-escaped, percent- or
// form-encoded). It scrubs parsed values (strings and object keys), never serialized text.

/** Headers that carry credentials in any API; an API's own (its security schemes' headers) are given to the Redactor. */
const SENSITIVE_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;
/** Names of fields and query parameters whose values are secrets (the vendors' own spellings included). */
export const SENSITIVE_NAME = /pas+w|passwd|token|secret|auth|key|session|cookie|credential|hintans/i;
export const REDACTED = '[REDACTED]';
/** Deeper than this, a value is replaced as a whole (response bodies are depth-limited before they are parsed). */
const MAX_DEPTH = 300;

export class Redactor {
  /** Every form of every secret, longest first, so that a longer form is replaced before a part of it. */
  private forms: string[] = [];

  /** `headers`: names of headers that carry credentials in this API (`security.headers` of its generated module), beside the usual ones. */
  constructor(
    secrets: readonly string[] = [],
    private readonly headerNames: readonly string[] = [],
  ) {
    for (const secret of secrets) this.add(secret);
  }

  /** Adds a secret (e.g. a session cookie the server just set), with the forms a server may echo it in. */
  add(secret: string, ...encoded: string[]): void {
    if (!secret) return;
    const json = JSON.stringify(secret).slice(1, -1);
    const percent = encodeURIComponent(secret);
    const form = new URLSearchParams({ s: secret }).toString().slice(2);
    const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
    const forms = [secret, json, percent, lowerHex(percent), form, lowerHex(form), ...encoded].filter(
      (form) => form && !this.forms.includes(form),
    );
    if (forms.length === 0) return;
    this.forms = [...this.forms, ...forms].sort((a, b) => b.length - a.length);
  }

  /** The text with every form of every secret replaced. */
  text(text: string): string {
    let out = text;
    for (const form of this.forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }

  /** A parsed value (a response body, a field's detail) with every string and every key scrubbed. */
  value<T>(value: T, depth = 0): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (value === null || typeof value !== 'object') return value;
    if (depth >= MAX_DEPTH) return REDACTED as T;
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1)) as T;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[this.text(key)] = this.value(item, depth + 1);
    return out as T;
  }

  /** Headers as a plain object: credential headers replaced whole, every other value scrubbed. */
  headers(headers: Headers): Record<string, string> {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => {
      const sensitive = SENSITIVE_HEADER.test(name) || this.headerNames.some((known) => known.toLowerCase() === name);
      out[this.text(name)] = sensitive ? REDACTED : this.text(value);
    });
    return out;
  }

  /** A URL for messages and logs: no user info, secret-looking query values replaced, every secret scrubbed. */
  url(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return '[unparseable URL]';
    }
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) {
      if (SENSITIVE_NAME.test(name)) parsed.searchParams.set(name, REDACTED);
    }
    return this.text(parsed.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED));
  }

  /**
   * A foreign error (a network failure, a fetch TypeError) rebuilt from scrubbed parts: its name, code and
   * message, and its causes likewise. The original is not kept: its message or properties may hold a secret.
   */
  error(error: unknown, depth = 0): Error {
    if (!(error instanceof Error)) return new Error(this.text(String(error)));
    const copy = new Error(
      this.text(error.message),
      depth < 3 && error.cause !== undefined ? { cause: this.error(error.cause, depth + 1) } : undefined,
    );
    copy.name = this.text(error.name);
    const { code } = error as { code?: unknown };
    if (typeof code === 'string') Object.assign(copy, { code: this.text(code) });
    copy.stack = `${copy.name}: ${copy.message}`;
    return copy;
  }
}
