// Builds the HTTP request of a call with openapi-fetch's own serializers (path, query, body, headers),
// so that a call's `params`, `body` and `headers` mean exactly what they mean in openapi-fetch.
import {
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  defaultPathSerializer,
  mergeHeaders,
  type HeadersOptions,
  type QuerySerializer,
  type QuerySerializerOptions,
} from 'openapi-fetch';
import type { OperationFact } from './types.js';

/** What a call may say about its request: openapi-fetch's options, less those that would change where it goes. */
export interface RequestParts {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  headers?: HeadersOptions;
  bodySerializer?: (body: any, headers?: Headers | Record<string, string>) => string;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
}

/** A request as fetch takes it: the URL and its init (method and headers always set). */
export interface OutgoingRequest {
  url: string;
  init: RequestInit & { method: string; headers: Headers };
}

export type RequestBuilder = (
  method: string,
  path: string,
  parts: RequestParts,
  signal: AbortSignal,
  extraHeaders?: Record<string, string>,
  fact?: Pick<OperationFact, 'form' | 'headers'>,
) => OutgoingRequest;

/**
 * `credentials` go last, so that no per-call header replaces them; the headers the spec gives the
 * operation (`fact.headers`) first, so that the call's and its body's replace them. `redirect: 'manual'`
 * because the runtime decides which redirects to follow (see redirects.ts). No Request object is built:
 * fetch builds its own, and a custom fetch may not need one. A form operation's body (`fact.form`,
 * already encoded: see forms.ts) goes as the form type, with the API's charset.
 */
export function requestBuilder(baseUrl: string, credentials: Record<string, string>): RequestBuilder {
  const base = baseUrl.replace(/\/+$/, '');
  const defaultQuery = createQuerySerializer();
  return (
    method,
    path,
    { params = {}, body, headers, bodySerializer = defaultBodySerializer, querySerializer },
    signal,
    extraHeaders,
    { form, headers: specHeaders } = {},
  ) => {
    const formType = form && { 'Content-Type': `application/x-www-form-urlencoded${form.charset ? `; charset=${form.charset}` : ''}` };
    const callHeaders = mergeHeaders(formType, headers, params.header as HeadersOptions, extraHeaders);
    const serialized =
      body === undefined
        ? undefined
        : typeof body === 'string' && form
          ? body
          : bodySerializer(body, mergeHeaders(credentials, callHeaders));
    const query =
      querySerializer === undefined
        ? defaultQuery
        : typeof querySerializer === 'function'
          ? querySerializer
          : createQuerySerializer(querySerializer);
    const url = createFinalURL(path, { baseUrl: base, params, querySerializer: query, pathSerializer: defaultPathSerializer });
    const init: OutgoingRequest['init'] = {
      method,
      headers: mergeHeaders(
        specHeaders,
        serialized === undefined ? undefined : { 'Content-Type': 'application/json' },
        callHeaders,
        credentials,
      ),
      signal,
      redirect: 'manual',
    };
    if (serialized !== undefined) init.body = serialized;
    return { url, init };
  };
}
