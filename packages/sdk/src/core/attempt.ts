// One attempt of a call: its own timeout (covering the body) composed with the caller's signal, the request
// built and sent through the redirect policy, the body read within its bound, and the answer handed over —
// as data (the API's hooks may find an error in a 2xx, the wire shape renames and coerces), as the API's
// typed error, or as a failure (timeout, connection, invalid body) the retry loop may repeat.
import { parseJson, readBody } from './body.js';
import {
  AbortError,
  AkinaiError,
  apiErrorFor,
  ConnectionError,
  InvalidResponseError,
  TimeoutError,
  UnsupportedRequestError,
  type ApiError,
  type ErrorContext,
} from './errors.js';
import type { Log } from './log.js';
import { sendFollowing, type RedirectPolicy } from './redirects.js';
import type { RequestBuilder, RequestParts } from './request.js';
import { isRetryableStatus, parseRetryAfter } from './retry.js';
import type { ApiDefinition, CallContext, Fetch } from './types.js';

/** One attempt's outcome: data, an error response from the API, or no usable response at all. */
export type Attempt =
  | { kind: 'data'; data: unknown; response: Response }
  | { kind: 'error response'; error: ApiError; response: Response; retryable: boolean }
  | { kind: 'failure'; error: AkinaiError; retryable: boolean };

export type AttemptOnce = (
  context: CallContext,
  parts: RequestParts,
  maxBytes: number,
  attempt: number,
  extraHeaders: Record<string, string> | undefined,
) => Promise<Attempt>;

// Pure: importing an entry runs nothing (consumers/test/tree-shaking.test.ts).
const decoder = /* @__PURE__ */ new TextDecoder();

/**
 * An API's attempts: sent with `send` (which carries a body on GET when `bodyOnGet`: the entry's node:http
 * transport), requests built by `build`, redirects followed as `redirects` allows, lines written to `log`.
 */
export function createAttempt(
  api: ApiDefinition,
  send: Fetch,
  bodyOnGet: boolean,
  build: RequestBuilder,
  redirects: RedirectPolicy,
  log: Log,
): AttemptOnce {
  const { redactor, hooks = {}, features } = api;
  const decode = hooks.decode ?? ((bytes: Uint8Array) => decoder.decode(bytes));

  /** The API's reading of a 2xx body (a hook may find an error in it), handed over as typed. */
  function interpret(data: unknown, response: Response, context: CallContext): Attempt {
    const result = hooks.interpret ? hooks.interpret(data, response, context) : { data };
    if ('error' in result) return { kind: 'error response', error: result.error, response, retryable: false };
    const wire = context.fact?.wire;
    return { kind: 'data', data: wire && features.fromWire ? features.fromWire(result.data, wire) : result.data, response };
  }

  function toApiError(context: ErrorContext, response: Response, body: unknown): ApiError {
    const parsed = body === undefined ? {} : api.parseError(body);
    return apiErrorFor({
      ...context,
      status: response.status,
      code: parsed.code === undefined ? undefined : redactor.text(parsed.code),
      apiMessage: parsed.message === undefined ? undefined : redactor.text(parsed.message),
      detail: redactor.value(parsed.detail),
      body: redactor.value(body),
      requestId: redactor.value(response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? undefined),
      headers: redactor.headers(response.headers),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    });
  }

  return async (context, parts, maxBytes, attempt, extraHeaders) => {
    // One signal for the attempt, aborted by its timer or by the caller (cheaper than AbortSignal.any).
    const timer = new AbortController();
    const timeoutId = setTimeout(() => timer.abort(), context.timeout);
    const callerSignal = context.signal;
    const onAbort = () => timer.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    const { signal } = timer;
    let status: number | undefined;
    const started = Date.now();
    try {
      if (!bodyOnGet && parts.body !== undefined && (context.method === 'GET' || context.method === 'HEAD')) {
        throw new UnsupportedRequestError(
          `${context.method} ${context.path} carries a JSON body, as the API documents it, and WHATWG fetch (browsers, ` +
            'Deno) cannot send a body on GET. Call it from Node.js, where @akinai/sdk sends it through node:http ' +
            '(e.g. from your own backend).',
        );
      }
      const request = build(context.method, context.path, parts, signal, extraHeaders, context.fact);
      if (log.debugging) log.debug(`→ ${context.method} ${redactor.url(request.url)} (${context.operation}, attempt ${attempt + 1})`);
      const response = await sendFollowing(request, send, redirects, context);
      status = response.status;
      if (log.debugging) log.debug(`← ${status} ${context.operation} in ${Date.now() - started} ms`);
      hooks.observe?.(response, context);
      const bytes = await readBody(response, maxBytes, context);
      const text = bytes.byteLength === 0 ? '' : decode(bytes, response);
      if (response.ok) {
        if (text === '') {
          if (context.method !== 'HEAD' && context.fact?.bodyStatuses?.includes(status)) {
            const error = new InvalidResponseError(context, status, `HTTP ${status} came with an empty body, though the API documents one`);
            return { kind: 'failure', error, retryable: false };
          }
          return interpret(undefined, response, context);
        }
        return interpret(parseJson(text, context, status), response, context);
      }
      let body: unknown = text === '' ? undefined : text;
      try {
        if (text !== '') body = parseJson(text, context, status);
      } catch (cause) {
        if (!(cause instanceof SyntaxError)) throw cause; // an error page in HTML stays text
      }
      const error = toApiError(context, response, body);
      if (error.status === 429) log.warn(`${context.operation} drew a 429 from the server`);
      return { kind: 'error response', error, response, retryable: isRetryableStatus(error.status) };
    } catch (cause) {
      if (callerSignal?.aborted) {
        throw new AbortError(`${context.operation}: aborted by the caller`, { cause: callerSignal.reason });
      }
      if (cause instanceof AkinaiError) return { kind: 'failure', error: cause, retryable: false };
      if (signal.aborted) return { kind: 'failure', error: new TimeoutError(context, context.timeout), retryable: true };
      if (cause instanceof SyntaxError && status !== undefined) {
        // Not the parser's message: it quotes the body, and a cut-off quote could hold part of a secret.
        const error = new InvalidResponseError(context, status, 'the body is not valid JSON');
        return { kind: 'failure', error, retryable: false };
      }
      const error = new ConnectionError(context, redactor.text(describe(cause)), { cause: redactor.error(cause) });
      return { kind: 'failure', error, retryable: true };
    } finally {
      clearTimeout(timeoutId);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  };
}

/** A network error's message with its cause (undici puts the useful part, e.g. ECONNRESET, there). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as Error & { code?: string }).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}
