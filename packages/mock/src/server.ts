// The mock's HTTP server: a front door that turns hostile input into a 4xx with a JSON body before it
// reaches Prism (stock Prism 5.14 dies on a single JSON body nested 20,000 deep), reads each request as
// the API's server would (its request binding), has Prism validate it (prism.ts), and answers it from the
// mock's state (state/) in the vendor's own shapes (vendors/) — or with the spec's example, when the
// request asks for one (`Prefer`), the mock is static, or the operation keeps no state.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { createLogger } from '@stoplight/prism-core';
import type { IHttpRequest } from '@stoplight/prism-http';
import { createBinding } from './binding.js';
import { commandAnswer, statusTable } from './commands.js';
import { decodeForm, knownCharset, readForm } from './form.js';
import { createPrism, type Operation } from './prism.js';
import { createRateLimits } from './rate-limits.js';
import { type Call, fromState, keepsState, type Reply, type State } from './state/crud.js';
import type { Route } from './state/model.js';
import type { ReplyCheck } from './validate-responses.js';

type Logger = ReturnType<typeof createLogger>;

/** Limits of what the mock reads from a client. */
export const LIMITS = {
  bodyBytes: 1024 * 1024,
  jsonDepth: 64,
  headersMs: 5_000,
  bodyMs: 10_000,
  /** After refusing a body as too large: how much more of it to read and drop, and for how long, before closing. */
  lingerBytes: 64 * 1024 * 1024,
  lingerMs: 5_000,
} as const;

export interface ServerOptions {
  state: State;
  /** Answer every request with the spec's examples, as stock Prism does. */
  static: boolean;
  /** Refuse requests over the spec's x-akinai-rate-limit with the documented 429. */
  rateLimits: boolean;
  /** validateResponses: checks each reply of the state against the spec (a 500 naming a violation); none when off. */
  checkReply?: ReplyCheck | undefined;
}

/** The reserved paths of the mock's controls (no vendor path starts so). */
export const CONTROL = '/__akinai/';

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
const MAX_VIOLATIONS_HEADER = 8 * 1024 - 100;

interface Rejection {
  status: number;
  code: string;
  message: string;
}
/** A body as the front door read it: raw bytes and what they are. */
type Body = { bytes: Buffer; type: string } | null;

/** The mock server of one API: its bundled `document`, Prism's `operations` of it, and its state. */
export function createMockServer(document: any, operations: Operation[], logger: Logger, options: ServerOptions): Server {
  const answer = createPrism(operations, logger);
  const binding = createBinding(document);
  const { state } = options;
  const limits = createRateLimits();
  // validateResponses off: the reply as it is, no check on the hot path.
  const checked: (route: Route, reply: Reply) => Reply = options.checkReply ?? ((_route, reply) => reply);
  /** Prism's operations by path: those of a request's path are all Prism needs to see. */
  const byPath = new Map<string, Operation[]>();
  for (const operation of operations) byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  // The headers the spec's apiKey security schemes use (checked for well-formedness).
  const keyHeaders = Object.values(
    (document.components?.securitySchemes ?? {}) as Record<string, { type: string; in?: string; name?: string }>,
  )
    .filter((scheme) => scheme.type === 'apiKey' && scheme.in === 'header')
    .map((scheme) => scheme.name!);

  const server = createServer(
    { requestTimeout: LIMITS.bodyMs, headersTimeout: LIMITS.headersMs, connectionsCheckingInterval: 1_000 },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        logger.error({ err: String(error) }, 'request failed');
        reject(response, { status: 400, code: 'UNPROCESSABLE_REQUEST', message: 'The mock could not process this request.' });
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

  /** The charset a request's Content-Type names, if known; else the API's (ASP.NET reads the query string in it too). */
  function charsetOf(contentType: string | undefined): string {
    const named = /;\s*charset="?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
    return named && knownCharset(named) ? named : binding.charset;
  }

  /** A form or query string read as an ASP.NET page reads it (never refused), noting what its server would garble. */
  function leniently(bytes: Buffer, charset: string, notes: Set<string>): [string, string][] {
    const reading = readForm(bytes, charset);
    if (reading.replaced) notes.add(`Bytes that are not valid ${charset} were read as U+FFFD: the vendor's server would store mojibake.`);
    if (reading.utf8) notes.add(`UTF-8 text was read as ${charset}: the vendor's server would store mojibake.`);
    if (reading.brokenEscapes) notes.add(`A "%" not followed by two hex digits was kept as it is, as the vendor's server does.`);
    if (reading.replaced || reading.utf8)
      notes.add('Percent-encode every field in CP932 (Shift_JIS), or name the charset in the Content-Type.');
    return reading.fields;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    cors(request, response);
    const method = request.method ?? '';
    if (!METHODS.has(method))
      return reject(response, { status: 405, code: 'METHOD_NOT_ALLOWED', message: `${method} is not an HTTP method the mock serves.` });
    const target = request.url ?? '/';
    const at = target.indexOf('?');
    /** What the vendor's server would have garbled in the request (D.T.P): said in x-akinai-warning. */
    const notes = new Set<string>();
    let path: string;
    let query: [string, string][];
    try {
      path = new URL(target, 'http://mock.invalid').pathname;
      // The query string in the API's charset; WHATWG URL would keep broken escapes as they are.
      const bytes = Buffer.from(target.slice(at + 1).replace(/#.*$/, ''), 'latin1');
      query =
        at < 0
          ? []
          : binding.forms
            ? leniently(bytes, charsetOf(request.headers['content-type']), notes)
            : decodeForm(bytes, binding.charset);
    } catch {
      return reject(response, {
        status: 400,
        code: 'BAD_URL',
        message: `The request URL cannot be parsed or is not valid percent-encoded ${binding.charset}.`,
      });
    }
    if (method === 'OPTIONS' && request.headers.origin && request.headers['access-control-request-method']) {
      response.setHeader('Access-Control-Allow-Methods', String(request.headers['access-control-request-method']));
      response.setHeader('Vary', 'origin');
      response.writeHead(204).end();
      return;
    }
    // D.T.P's ASP.NET pages read no Authorization header: only the session's cookies.
    const malformed = binding.forms ? undefined : malformedCredentials(request, keyHeaders);
    if (malformed) return reject(response, { status: 401, code: 'MALFORMED_CREDENTIALS', message: malformed });
    const read = await readBody(request);
    if (read && 'status' in read) return reject(response, read);
    if (path.startsWith(CONTROL)) return control(method, path, response);
    const input = toPrism(method, path, query, read, request.headers, notes);
    if (notes.size > 0) response.setHeader('x-akinai-warning', [...notes].join(' '));
    if ('status' in input) return reject(response, input);

    const matched = state.model.match(input.method.toUpperCase(), input.url.path);
    const route = matched?.route;
    const asked = request.headers.prefer !== undefined; // a documented answer on demand
    const stateful = Boolean(route && !options.static && !asked && keepsState(state, route));
    if (route && options.rateLimits && !limits.allows(route, clientOf(request))) {
      return send(response, checked(route, { ...state.documented(route, 429), headers: { 'retry-after': '1' } }));
    }
    const result = await answer(input, { among: route && byPath.get(route.path), fromState: stateful });
    // x-akinai-warning is the mock's own (documented on D.T.P's commands): never Prism's example of it.
    for (const name of Object.keys(result.headers)) if (name.toLowerCase() === 'x-akinai-warning') delete result.headers[name];
    if (result.violations.length > 0) {
      const header = JSON.stringify(result.violations);
      response.setHeader(
        'sl-violations',
        header.length > MAX_VIOLATIONS_HEADER ? `Too many violations! ${header.slice(0, MAX_VIOLATIONS_HEADER)}` : header,
      );
    }
    const command = statusTable(route) !== undefined; // a command of a command API (D.T.P): HTTP 200 with its own code
    if (route && (command || (!options.static && !asked)) && (result.status === 400 || result.status === 422)) {
      // The request is refused: in the vendor's words, naming what was wrong.
      const violations = result.violations.filter((v) => v.location[0] === 'request' && v.severity === 'Error');
      if (command && (options.static || asked))
        return send(response, checked(route, commandAnswer(document, route, 'invalid', undefined, violations)));
      if (violations.length > 0 || command)
        return send(response, checked(route, state.vendor.invalid?.(route, violations) ?? state.documented(route, 400)));
    }
    // A command without the session's cookies: the table's session-lost code (its server has no 401).
    if (route && command && result.status === 401) return send(response, checked(route, commandAnswer(document, route, 'sessionLost')));
    if (!('body' in result)) {
      for (const [name, value] of Object.entries(result.headers)) response.setHeader(name, value);
      const body = JSON.stringify({ type: result.name, title: result.title, status: result.status, detail: result.detail });
      response.writeHead(result.status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body) });
      return response.end(body);
    }
    if (stateful && result.status < 400) {
      const call: Call = {
        params: matched!.params,
        query: input.url.query as Call['query'],
        body: input.body,
      };
      const reply = fromState(state, route!, call);
      if (reply) return send(response, checked(route!, reply));
    }
    for (const [name, value] of Object.entries(result.headers)) response.setHeader(name, value);
    // JSON is UTF-8; saying so keeps clients of APIs whose servers use another charset (D.T.P: Shift_JIS) from guessing.
    const contentType = response.getHeader('content-type');
    if (typeof contentType === 'string' && /json/.test(contentType) && !/charset=/i.test(contentType)) {
      response.setHeader('content-type', `${contentType}; charset=utf-8`);
    }
    if (result.body !== undefined) response.setHeader('content-length', Buffer.byteLength(result.body));
    response.writeHead(result.status);
    response.end(result.body);
  }

  /** The mock's controls: POST /__akinai/reset restores the seed; GET /__akinai/state is a snapshot. */
  function control(method: string, path: string, response: ServerResponse) {
    if (method === 'POST' && path === `${CONTROL}reset`) {
      state.store.reset();
      return send(response, { status: 204 });
    }
    if (method === 'GET' && path === `${CONTROL}state`) return send(response, { status: 200, body: state.store.snapshot() });
    return reject(response, {
      status: 404,
      code: 'NO_SUCH_CONTROL',
      message: `The mock's controls are POST ${CONTROL}reset and GET ${CONTROL}state.`,
    });
  }

  /** The request as Prism reads it: the API's binding applied, the body parsed. */
  function toPrism(
    method: string,
    path: string,
    query: [string, string][],
    body: Body,
    headers: IncomingMessage['headers'],
    notes: Set<string>,
  ): IHttpRequest | Rejection {
    const form = body && /^application\/x-www-form-urlencoded\b/.test(body.type);
    let fields: [string, string][] | undefined;
    if (form && binding.forms) {
      // As D.T.P's ASP.NET pages read a form: in the charset it names, else (or if unknown) the API's; never refused.
      const named = /;\s*charset="?([\w.:-]+)"?/.exec(body.type)?.[1];
      if (named && !knownCharset(named))
        notes.add(`The form's charset "${named}" is unknown: it was read as ${binding.charset}, as the vendor's server reads it.`);
      fields = leniently(body.bytes, charsetOf(body.type), notes);
    } else if (form) {
      const charset = /;\s*charset="?([\w.:-]+)"?/.exec(body.type)?.[1] ?? binding.charset;
      if (!knownCharset(charset))
        return { status: 415, code: 'UNSUPPORTED_CHARSET', message: `The charset "${charset}" of the form body is not supported.` };
      try {
        fields = decodeForm(body.bytes, charset);
      } catch {
        return { status: 400, code: 'INVALID_ENCODING', message: `The form body is not valid percent-encoded ${charset}.` };
      }
    }
    const bound = binding.bind(method, path, query, fields);
    if (bound.fields) {
      // A form command: Prism sees the POST form its spec describes, in UTF-8.
      // Its server ignores Accept: it answers JSON whatever the client asks for.
      const { 'content-length': _length, accept: _accept, ...rest } = flat(headers);
      const formHeaders = { ...rest, 'content-type': 'application/x-www-form-urlencoded' };
      return {
        method: 'post',
        url: { path: bound.path, query: {} },
        headers: formHeaders,
        body: new URLSearchParams(bound.fields).toString(),
      };
    }
    let parsed: unknown = null;
    if (fields) parsed = new URLSearchParams(fields).toString();
    else if (body) {
      const text = parseText(body);
      if ('status' in text) return text;
      parsed = text.value;
    }
    return {
      method: method.toLowerCase() as IHttpRequest['method'],
      url: { path, query: grouped(query) },
      headers: flat(headers),
      body: parsed,
    };
  }
}

/** A body that is not a form: UTF-8 text, parsed when it is JSON. */
function parseText({ bytes, type }: { bytes: Buffer; type: string }): { value: unknown } | Rejection {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { status: 400, code: 'INVALID_ENCODING', message: 'The body is not valid UTF-8.' };
  }
  if (!/^application\/(?:[\w.+-]+\+)?json\b/.test(type)) return { value: text };
  if (depth(text) > LIMITS.jsonDepth) {
    return { status: 400, code: 'JSON_TOO_DEEP', message: `The JSON body nests deeper than ${LIMITS.jsonDepth} levels.` };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { status: 400, code: 'INVALID_JSON', message: 'The body is not valid JSON.' };
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

/** A reply of the state or the vendor: JSON in UTF-8, or no body (204). */
function send(response: ServerResponse, { status, headers = {}, body }: Reply) {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  if (body === undefined) return void response.writeHead(status).end();
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Who a request counts against for rate limits: its credential. */
function clientOf(request: IncomingMessage): string {
  const { authorization, cookie } = request.headers;
  return String(authorization ?? request.headers['x-identification'] ?? cookie ?? 'anonymous');
}

/** Refuses a request with a 4xx and a JSON body. */
function reject(response: ServerResponse, { status, code, message }: Rejection) {
  if (response.headersSent) return void response.destroy();
  const body = JSON.stringify({ error: { code, message } });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Headers as Prism wants them: one string each (Node gives Set-Cookie as a list). */
function flat(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = [value].flat().join(', ');
  return out;
}

/** Query fields as Prism wants them: one value, or the list of a repeated name. */
function grouped(fields: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of fields) {
    const seen = out[name];
    out[name] = seen === undefined ? value : [...[seen].flat(), value];
  }
  return out;
}

/** The body's bytes and type, or why it is refused; null when there is none. */
function readBody(request: IncomingMessage): Promise<Body | Rejection> {
  if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) return Promise.resolve(null);
  const tooLarge: Rejection = { status: 413, code: 'BODY_TOO_LARGE', message: `The body is over ${LIMITS.bodyBytes} bytes.` };
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      linger(request);
      resolve(tooLarge);
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
    request.on('error', () => resolve(refused ? tooLarge : { status: 400, code: 'BAD_BODY', message: 'The body could not be read.' }));
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

/** The deepest nesting of arrays and objects in a JSON text, in one pass (strings skipped). */
function depth(text: string): number {
  let current = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) deepest = Math.max(deepest, ++current);
    else if (c === 93 || c === 125) current -= 1;
  }
  return deepest;
}
