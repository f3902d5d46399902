// Browsers (and every WHATWG fetch) refuse a body on GET and HEAD. Instead of fetch's bare TypeError,
// this Request says why and what to do.
import type { Transport } from './client.js';
import { UnsupportedRequestError } from './errors.js';

export class BodyRequest extends Request {
  constructor(input: RequestInfo | URL, init: RequestInit = {}) {
    const method = (init.method ?? 'GET').toUpperCase();
    if (init.body !== undefined && init.body !== null && (method === 'GET' || method === 'HEAD')) {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      throw new UnsupportedRequestError(
        `${method} ${url.pathname} carries a JSON body, as the vendor documents it, and WHATWG fetch ` +
          '(browsers, Deno, Node.js fetch) cannot send a body on GET. Call this operation from Node.js, where ' +
          '@akinai/sdk sends it through node:http, e.g. from your own backend.',
      );
    }
    super(input, init);
  }
}

/** Sends like fetch; exists so that both builds export the same names. */
export function sendRequest(request: Request): Promise<Response> {
  return globalThis.fetch(request);
}

export const browserTransport: Transport = { Request: BodyRequest, fetch: sendRequest };
