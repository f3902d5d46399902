// The mock's HTTP server: Prism's request handling (routing, validation, examples, `Prefer`) behind a
// front door that turns hostile input into a 4xx with a JSON body before it reaches Prism, which stock
// Prism 5.14 does not (a single JSON body nested 20,000 deep kills its whole process).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createInstance, getHttpOperationsFromSpec, type IHttpRequest } from '@stoplight/prism-http';
import { getHttpConfigFromRequest } from '@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js';
import { serialize } from '@stoplight/prism-http-server/dist/serialize.js';
import type { createLogger } from '@stoplight/prism-core';

type Logger = ReturnType<typeof createLogger>;

/** Limits of what the mock reads from a client. */
export const LIMITS = {
  bodyBytes: 1024 * 1024,
  jsonDepth: 64,
  headersMs: 5_000,
  bodyMs: 10_000,
} as const;

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
const MAX_VIOLATIONS_HEADER = 8 * 1024 - 100;

type IHttpOperation = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>[number];
interface Diagnostic {
  path?: string[];
  severity: number;
  code?: string | number;
  message: string;
}

interface Rejection {
  status: number;
  code: string;
  message: string;
}

/** `keyHeaders`: the headers the spec's apiKey security schemes use (checked for well-formedness). */
export function createMockServer(operations: IHttpOperation[], logger: Logger, keyHeaders: string[] = []): Server {
  const config = {
    mock: { dynamic: false },
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false as const,
  };
  const prism = createInstance(config, { logger });

  const server = createServer({ requestTimeout: LIMITS.bodyMs, headersTimeout: LIMITS.headersMs, connectionsCheckingInterval: 1_000 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: String(error) }, 'request failed');
      reject(response, { status: 400, code: 'UNPROCESSABLE_REQUEST', message: 'The mock could not process this request.' });
    });
  });
  // CONNECT is no method of these APIs; without a listener Node would drop the connection unanswered.
  server.on('connect', (_request: IncomingMessage, socket: Socket) => {
    const body = JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: 'CONNECT is not served.' } });
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  // Malformed requests, oversized headers and slow headers: answer in JSON too, then close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT';
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      error: {
        code: timeout ? 'REQUEST_TIMEOUT' : tooLarge ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST',
        message: timeout ? 'The request was not received in time.' : tooLarge ? 'The request headers are too large.' : 'The request is not valid HTTP.',
      },
    });
    const status = timeout ? '408 Request Timeout' : tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  return server;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    cors(request, response);
    const method = request.method ?? '';
    if (!METHODS.has(method)) return reject(response, { status: 405, code: 'METHOD_NOT_ALLOWED', message: `${method} is not an HTTP method the mock serves.` });
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://mock.invalid');
      // WHATWG URL keeps broken percent-escapes (%zz, %ff) as they are; a server would reject them.
      for (const part of (request.url ?? '').split(/[?&=]/)) decodeURIComponent(part);
    } catch {
      return reject(response, { status: 400, code: 'BAD_URL', message: 'The request URL cannot be parsed or is not valid percent-encoded UTF-8.' });
    }
    if (method === 'OPTIONS' && request.headers.origin && request.headers['access-control-request-method']) {
      response.setHeader('Access-Control-Allow-Methods', String(request.headers['access-control-request-method']));
      response.setHeader('Vary', 'origin');
      response.writeHead(204).end();
      return;
    }
    const malformed = malformedCredentials(request, keyHeaders);
    if (malformed) return reject(response, { status: 401, code: 'MALFORMED_CREDENTIALS', message: malformed });
    const read = await readBody(request);
    if ('status' in read) return reject(response, read, true);

    const input: IHttpRequest = {
      method: method.toLowerCase() as IHttpRequest['method'],
      url: { path: url.pathname, query: query(url.searchParams) },
      headers: request.headers as IHttpRequest['headers'],
      body: read.body,
    };
    const preferences = getHttpConfigFromRequest(input);
    if (preferences._tag === 'Left') return problem(response, preferences.left);
    const result = await prism.request(input, operations, { ...config, mock: { ...config.mock, ...preferences.right } })();
    if (result._tag === 'Left') return problem(response, result.left);
    const { output, validations } = result.right;
    const describe = (where: string) => ({ path = [], severity, code, message }: Diagnostic) => ({
      location: [where, ...path],
      severity: ['Error', 'Warning', 'Information', 'Hint'][severity],
      code,
      message,
    });
    const violations = [
      ...(validations.input as Diagnostic[]).map(describe('request')),
      ...(validations.output as Diagnostic[]).map(describe('response')),
    ];
    if (violations.length > 0) {
      const header = JSON.stringify(violations);
      response.setHeader('sl-violations', header.length > MAX_VIOLATIONS_HEADER ? `Too many violations! ${header.slice(0, MAX_VIOLATIONS_HEADER)}` : header);
    }
    for (const [name, value] of Object.entries(output.headers ?? {})) {
      // A Set-Cookie example lists one cookie per line: each is its own header, as a server sends them.
      response.setHeader(name, name.toLowerCase() === 'set-cookie' ? String(value).split('\n') : (value as string));
    }
    // JSON is UTF-8; saying so keeps clients of APIs whose servers use another charset (D.T.P: Shift_JIS) from guessing.
    const contentType = response.getHeader('content-type');
    if (typeof contentType === 'string' && /json/.test(contentType) && !/charset=/i.test(contentType)) {
      response.setHeader('content-type', `${contentType}; charset=utf-8`);
    }
    const payload = serialize(output.body, contentType as string | undefined);
    if (typeof payload === 'string') response.setHeader('content-length', Buffer.byteLength(payload));
    response.writeHead(output.statusCode);
    response.end(payload);
  }

  /** Prism's own errors (no such path, a status that is not declared…), in JSON, never as a 5xx. */
  function problem(response: ServerResponse, error: { status?: number; name?: string; title?: string; detail?: string; additional?: { headers?: Record<string, string> } }) {
    for (const [name, value] of Object.entries(error.additional?.headers ?? {})) response.setHeader(name, value);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
    const body = JSON.stringify({ type: error.name, title: error.title, status, detail: error.detail });
    response.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  }
}

/**
 * Credentials that cannot be right whatever the server: Basic without base64 `user:password`, or a key
 * header that is empty or holds whitespace. (Well-formed ones all pass: the mock verifies no secret.)
 */
function malformedCredentials(request: IncomingMessage, keyHeaders: string[]): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== undefined && /^basic\b/i.test(authorization)) {
    const encoded = authorization.slice(6).trim();
    const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    if (!decoded.includes(':')) return 'Basic credentials must be the base64 of "user:password".';
  }
  for (const name of keyHeaders) {
    const key = request.headers[name.toLowerCase()];
    if (key !== undefined && (typeof key !== 'string' || key.trim() === '' || /\s/.test(key))) {
      return `${name} must be a token without whitespace.`;
    }
  }
  return undefined;
}

function cors(request: IncomingMessage, response: ServerResponse) {
  response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*');
  response.setHeader('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? '*');
  response.setHeader('Access-Control-Allow-Credentials', 'true');
  response.setHeader('Access-Control-Expose-Headers', '*');
}

function reject(response: ServerResponse, { status, code, message }: Rejection, close = false) {
  if (response.headersSent) return void response.destroy();
  const body = JSON.stringify({ error: { code, message } });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(close && { connection: 'close' }) });
  response.end(body);
}

function query(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** The body as Prism wants it (parsed JSON, text, or null), or why it is refused. */
async function readBody(request: IncomingMessage): Promise<{ body: unknown } | Rejection> {
  if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) return { body: null };
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > LIMITS.bodyBytes) {
    request.resume();
    return { status: 413, code: 'BODY_TOO_LARGE', message: `The body is over ${LIMITS.bodyBytes} bytes.` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMITS.bodyBytes) return { status: 413, code: 'BODY_TOO_LARGE', message: `The body is over ${LIMITS.bodyBytes} bytes.` };
    chunks.push(chunk);
  }
  if (size === 0) return { body: null };
  const bytes = Buffer.concat(chunks);
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (/^application\/x-www-form-urlencoded\b/.test(type)) return formBody(bytes, type);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { status: 400, code: 'INVALID_ENCODING', message: 'The body is not valid UTF-8.' };
  }
  if (!/^application\/(?:[\w.+-]+\+)?json\b/.test(type)) return { body: text };
  if (depth(text) > LIMITS.jsonDepth) {
    return { status: 400, code: 'JSON_TOO_DEEP', message: `The JSON body nests deeper than ${LIMITS.jsonDepth} levels.` };
  }
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { status: 400, code: 'INVALID_JSON', message: 'The body is not valid JSON.' };
  }
}

/**
 * A form body as Prism reads it: percent-escapes decoded in the charset the Content-Type names (e.g. the
 * Shift_JIS of D.T.P's API; UTF-8 when none is named) and re-encoded as UTF-8, so that lengths and
 * patterns are checked on the characters the client meant.
 */
function formBody(bytes: Buffer, type: string): { body: string } | Rejection {
  const charset = /;\s*charset="?([\w.:-]+)"?/.exec(type)?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return { status: 415, code: 'UNSUPPORTED_CHARSET', message: `The charset "${charset}" of the form body is not supported.` };
  }
  const decode = (part: Buffer) => decoder.decode(unescape(part));
  try {
    const pairs = split(bytes, 0x26 /* & */).filter((pair) => pair.length > 0).map((pair) => {
      const at = pair.indexOf(0x3d /* = */);
      return at < 0 ? [decode(pair), ''] : [decode(pair.subarray(0, at)), decode(pair.subarray(at + 1))];
    });
    return { body: new URLSearchParams(pairs).toString() };
  } catch {
    return { status: 400, code: 'INVALID_ENCODING', message: `The form body is not valid percent-encoded ${charset}.` };
  }
}

function split(bytes: Buffer, separator: number): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(separator); at >= 0; at = bytes.indexOf(separator, from)) {
    parts.push(bytes.subarray(from, at));
    from = at + 1;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

/** `+` and `%XX` of a form field, as bytes (the charset decides what they mean). */
function unescape(part: Buffer): Buffer {
  const out = Buffer.alloc(part.length);
  let length = 0;
  for (let i = 0; i < part.length; i += 1) {
    const hex = part[i] === 0x25 ? part.toString('latin1', i + 1, i + 3) : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      out[length++] = parseInt(hex, 16);
      i += 2;
    } else out[length++] = part[i] === 0x2b /* + */ ? 0x20 : part[i]!;
  }
  return out.subarray(0, length);
}

/** The deepest nesting of arrays and objects in a JSON text, in one pass (strings skipped). */
function depth(text: string): number {
  let current = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++current);
    else if (c === 93 || c === 125) current -= 1;
  }
  return deepest;
}
