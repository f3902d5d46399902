// The mock without a port: a WHATWG fetch whose every call is one HTTP/1.1 exchange with the mock's own
// server over an in-memory connection. The request goes through the same front door, pipeline and state
// as one over loopback (node:http parses it, so Pittaly's GET with a body works too); nothing listens.
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { Duplex } from 'node:stream';

/** Two connected in-memory sockets: what one writes, the other reads. */
function connection(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const peer = (end: Duplex) => (ends[0] === end ? ends[1]! : ends[0]!);
  const end = () =>
    new Duplex({
      read() {},
      write(chunk, _encoding, done) {
        peer(this).push(chunk);
        done();
      },
      final(done) {
        peer(this).push(null);
        done();
      },
      destroy(error, done) {
        if (!peer(this).destroyed) peer(this).destroy();
        done(error);
      },
    });
  ends.push(end(), end());
  return [ends[0]!, ends[1]!];
}

/** A fetch served by `server` in this process. */
export function fetchFrom(server: Server): typeof fetch {
  return async (input, init = {}) => {
    const given = input instanceof Request ? input : undefined;
    const url = new URL(given ? given.url : String(input));
    const method = (init.method ?? given?.method ?? 'GET').toUpperCase();
    const headers = new Headers(given?.headers);
    for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
    const signal = init.signal ?? given?.signal ?? undefined;
    signal?.throwIfAborted();
    // Any body fetch takes, as bytes (and its content type, as fetch would send it); on GET too.
    let body: Buffer | undefined;
    const source = init.body ?? given?.body ?? undefined;
    if (source !== undefined && source !== null) {
      const wrapped = new Response(source);
      body = Buffer.from(await wrapped.arrayBuffer());
      const type = wrapped.headers.get('content-type');
      if (type && !headers.has('content-type')) headers.set('content-type', type);
    }
    headers.set('host', url.host);
    if (body) headers.set('content-length', String(body.length));

    const [client, served] = connection();
    server.emit('connection', served);
    const answer = await new Promise<{ message: IncomingMessage; bytes: Buffer }>((resolve, reject) => {
      const outgoing = httpRequest(
        { createConnection: () => client as never, method, path: `${url.pathname}${url.search}`, headers: Object.fromEntries(headers) },
        (message) => {
          const chunks: Buffer[] = [];
          message.on('data', (chunk: Buffer) => chunks.push(chunk));
          message.on('end', () => resolve({ message, bytes: Buffer.concat(chunks) }));
          message.on('error', reject);
        },
      );
      const abort = () => {
        outgoing.destroy();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      outgoing.on('error', reject);
      outgoing.on('close', () => signal?.removeEventListener('abort', abort));
      outgoing.end(body);
    }).finally(() => client.destroy());

    const { message, bytes } = answer;
    const out = new Headers();
    for (const [name, value] of Object.entries(message.headers)) {
      for (const one of [value ?? []].flat()) out.append(name, one);
    }
    const empty = method === 'HEAD' || [101, 204, 205, 304].includes(message.statusCode!);
    const response = new Response(empty ? null : new Uint8Array(bytes), {
      status: message.statusCode!,
      statusText: message.statusMessage,
      headers: out,
    });
    Object.defineProperty(response, 'url', { value: url.href });
    return response;
  };
}
