// The transport of the Node.js entry of an API whose spec has a GET with a body (Pittaly Order's search):
// node:http(s), which, unlike WHATWG fetch, sends one. fetch's signature, so that the runtime cannot tell
// the difference. Only that entry (src/<api>/index.node.ts) imports it, and hands it to its client: every
// entry shares one runtime (one error hierarchy), and none a browser gets imports node:*.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { Fetch } from './types.js';

/** Answers with a WHATWG Response whose body streams (and aborts with the signal). Never follows redirects. */
export const nodeTransport: Fetch = (url, init) => {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
    throw new TypeError('nodeTransport: only string bodies are supported.');
  }
  const body = init.body ? Buffer.from(init.body) : undefined;
  const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers));
  if (body) headers['content-length'] = String(body.length);
  const method = init.method ?? 'GET';
  return new Promise((resolve, reject) => {
    const outgoing = send(target, { method, headers, ...(init.signal && { signal: init.signal }) }, (incoming) => {
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        for (const one of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, one);
      }
      const status = incoming.statusCode ?? 502;
      const empty = method === 'HEAD' || status === 204 || status === 205 || status === 304;
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
};
