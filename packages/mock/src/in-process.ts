// The mock without a port: a WHATWG fetch whose every call goes straight into the mock's pipeline —
// the same reading, validation, faults, state and controls as a request over HTTP, without the HTTP.
// Any body fetch takes is sent, on GET too (Pittaly's search). A fault that drops the connection
// rejects the call as fetch does when a server resets it.
import { LIMITS, TOO_LARGE } from './front-door.js';
import { type Incoming, rejected } from './exchange.js';
import type { Pipeline } from './pipeline.js';

/** A fetch served by `pipeline` in this process; the URL's origin is not looked at. */
export function fetchFrom(pipeline: Pipeline | Promise<Pipeline>): typeof fetch {
  return async (input, init = {}) => {
    const given = input instanceof Request ? input : undefined;
    const url = new URL(given ? given.url : String(input));
    const method = (init.method ?? given?.method ?? 'GET').toUpperCase();
    const headers = new Headers(given?.headers);
    for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
    const signal = init.signal ?? given?.signal ?? undefined;
    signal?.throwIfAborted();
    let body: Incoming['body'] = null;
    const source = init.body ?? given?.body ?? undefined;
    if (source !== undefined && source !== null) {
      const wrapped = new Response(source);
      const bytes = Buffer.from(await wrapped.arrayBuffer());
      const type = headers.get('content-type') ?? wrapped.headers.get('content-type');
      if (type && !headers.has('content-type')) headers.set('content-type', type);
      if (bytes.length > 0) body = { bytes, type: (type ?? '').toLowerCase() };
    }
    const record: Incoming['headers'] = {};
    for (const [name, value] of headers) record[name] = value;
    const served = (async () => {
      if (body && body.bytes.length > LIMITS.bodyBytes) return rejected(TOO_LARGE);
      return (await pipeline)({ method, target: `${url.pathname}${url.search}`, headers: record, body });
    })();
    const outgoing = await (signal
      ? Promise.race([
          served,
          new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
        ])
      : served);
    if (outgoing.drop) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    const out = new Headers();
    for (const [name, value] of Object.entries(outgoing.headers)) for (const one of [value].flat()) out.append(name, one);
    const empty = method === 'HEAD' || [101, 204, 205, 304].includes(outgoing.status);
    const response = new Response(empty ? null : (outgoing.body ?? null), { status: outgoing.status, headers: out });
    Object.defineProperty(response, 'url', { value: url.href });
    return response;
  };
}
