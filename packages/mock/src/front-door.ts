// The mock's HTTP server: a front door that reads each request within limits and hands it to the
// pipeline, and answers what no server could read — malformed HTTP, oversized headers or bodies, clients
// too slow to send them — with a 4xx and a JSON body before anything else sees it. (Stock Prism 5.14 dies
// on a single JSON body nested 20,000 deep: the pipeline refuses that too, before Prism.)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Incoming, type Outgoing, type Rejection, rejected } from './exchange.js';
import { JSON_DEPTH, type Pipeline } from './pipeline.js';

/** Limits of what the mock reads from a client. */
export const LIMITS = {
  bodyBytes: 1024 * 1024,
  jsonDepth: JSON_DEPTH,
  headersMs: 5_000,
  bodyMs: 10_000,
  /** After refusing a body as too large: how much more of it to read and drop, and for how long, before closing. */
  lingerBytes: 64 * 1024 * 1024,
  lingerMs: 5_000,
} as const;

export const TOO_LARGE: Rejection = { status: 413, code: 'BODY_TOO_LARGE', message: `The body is over ${LIMITS.bodyBytes} bytes.` };

export function createFrontDoor(pipeline: Pipeline, onError: (error: unknown) => void): Server {
  const server = createServer(
    { requestTimeout: LIMITS.bodyMs, headersTimeout: LIMITS.headersMs, connectionsCheckingInterval: 1_000 },
    (request, response) => {
      serve(request, response).catch((error: unknown) => {
        onError(error);
        send(
          request,
          response,
          rejected({ status: 400, code: 'UNPROCESSABLE_REQUEST', message: 'The mock could not process this request.' }),
        );
      });
    },
  );
  // CONNECT is no method of these APIs; without a listener Node would drop the connection unanswered.
  server.on('connect', (_request: IncomingMessage, socket: Socket) => {
    const body = JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: 'CONNECT is not served.' } });
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  // Malformed requests, oversized headers and slow headers: answer in JSON too, then close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT';
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      error: {
        code: timeout ? 'REQUEST_TIMEOUT' : tooLarge ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST',
        message: timeout
          ? 'The request was not received in time.'
          : tooLarge
            ? 'The request headers are too large.'
            : 'The request is not valid HTTP.',
      },
    });
    const status = timeout ? '408 Request Timeout' : tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;

  async function serve(request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    if (body && 'status' in body) return send(request, response, rejected(body));
    const incoming: Incoming = { method: request.method ?? '', target: request.url ?? '/', headers: request.headers, body };
    send(request, response, await pipeline(incoming));
  }
}

/** Writes an answer, with the CORS headers any origin may read it with; or drops the connection (a fault). */
function send(request: IncomingMessage, response: ServerResponse, { status, headers, body, drop }: Outgoing) {
  if (drop || response.headersSent) return void response.socket?.destroy();
  // One object to writeHead, Node's fast path (no setHeader per name); names lower-cased, so each is sent once.
  const all: Record<string, string | string[] | number> = {
    'access-control-allow-origin': request.headers.origin ?? '*',
    'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '*',
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': '*',
  };
  for (const name in headers) all[name.toLowerCase()] = headers[name]!;
  if (body !== undefined) all['content-length'] = Buffer.byteLength(body);
  response.writeHead(status, all).end(body);
}

/** The body's bytes and type, or why it is refused; null when there is none. */
function readBody(request: IncomingMessage): Promise<Incoming['body'] | Rejection> {
  if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) return Promise.resolve(null);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      linger(request);
      resolve(TOO_LARGE);
    };
    if (Number(request.headers['content-length'] ?? 0) > LIMITS.bodyBytes) return refuse();
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > LIMITS.bodyBytes) refuse();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused)
        resolve(size === 0 ? null : { bytes: Buffer.concat(chunks), type: String(request.headers['content-type'] ?? '').toLowerCase() });
    });
    request.on('error', () => resolve(refused ? TOO_LARGE : { status: 400, code: 'BAD_BODY', message: 'The body could not be read.' }));
  });
}

/**
 * A lingering close: after refusing a body unread, the answer goes out at once while the rest of the
 * body is read and dropped, within bounds (then the connection is cut). Closing at once would make a
 * client still sending see a connection reset instead of the answer.
 */
function linger(request: IncomingMessage) {
  let dropped = 0;
  const cut = () => request.socket.destroy();
  const timer = setTimeout(cut, LIMITS.lingerMs).unref();
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LIMITS.lingerBytes) cut();
  });
  request.on('end', () => clearTimeout(timer));
  request.resume();
}
