// Sends requests through node:http(s), which, unlike WHATWG fetch, allows a body on GET (Pittaly
// Order's search documents one). openapi-fetch builds a BodyRequest through its `Request` option.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { Transport } from './client.js';

/** What openapi-fetch builds instead of a WHATWG Request: the same fields, and a body on any method. */
export class BodyRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal | undefined;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = new Headers(init.headers);
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new TypeError('BodyRequest: only string (JSON) bodies are supported.');
    }
    this.body = init.body ?? undefined;
    this.signal = init.signal ?? undefined;
  }
}

/** Sends a BodyRequest and answers with a WHATWG Response whose body streams (and aborts with the signal). */
export function sendRequest(request: BodyRequest): Promise<Response> {
  const url = new URL(request.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = Object.fromEntries(request.headers);
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method: request.method, headers, signal: request.signal }, (incoming) => {
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        for (const one of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, one);
      }
      const status = incoming.statusCode ?? 502;
      const empty = request.method === 'HEAD' || status === 204 || status === 205 || status === 304;
      if (empty) incoming.resume();
      resolve(
        new Response(empty ? null : (Readable.toWeb(incoming) as ReadableStream), {
          status,
          statusText: incoming.statusMessage ?? '',
          headers: responseHeaders,
        }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export const nodeTransport = { Request: BodyRequest, fetch: sendRequest } as unknown as Transport;
