// What the mock does with one request, whatever carried it (the HTTP server's front door, or the
// in-process fetch): read it as the API's server would (its request binding and charset), route it, meet
// the faults armed for its operation, have Prism validate it, and answer it from the mock's state in the
// vendor's own shapes — or with the spec's example when the request asks for one (`Prefer`), the mock is
// static, or the operation keeps no state. The `/__akinai/` controls are answered by controls.ts.
import type { createLogger } from '@stoplight/prism-core';
import type { IHttpRequest } from '@stoplight/prism-http';
import { createBinding } from './binding.js';
import { commandAnswer, statusTable } from './commands.js';
import { CONTROL, type Controls } from './controls.js';
import { type Incoming, type Outgoing, type Rejection, rejected, sent } from './exchange.js';
import type { Fault, Faults } from './faults.js';
import { decodeForm, knownCharset, readForm } from './form.js';
import { createPrism, type Operation } from './prism.js';
import { createRateLimits } from './rate-limits.js';
import { fromState, keepsState } from './state/crud.js';
import type { Route } from './state/model.js';
import type { ReplyCheck } from './validate-responses.js';
import type { Call, Reply, State } from './vendors/types.js';
import { credentialsOf } from '@akinai/specs';
import type { Document } from '@akinai/specs/types';

type Logger = ReturnType<typeof createLogger>;

export interface PipelineOptions {
  state: State;
  faults: Faults;
  controls: Controls;
  /** Answer every request with the spec's examples, as stock Prism does. */
  static: boolean;
  /** Refuse requests over the spec's x-akinai-rate-limit with the documented 429. */
  rateLimits: boolean;
  /** validateResponses: checks each reply of the state against the spec (a 500 naming a violation); none when off. */
  checkReply?: ReplyCheck | undefined;
}

export const JSON_DEPTH = 64;
const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
const MAX_VIOLATIONS_HEADER = 8 * 1024 - 100;

export type Pipeline = (incoming: Incoming) => Promise<Outgoing>;

/** The pipeline of one API's mock: its bundled `document` and Prism's `operations` of it. */
export function createPipeline(document: Document, operations: Operation[], logger: Logger, options: PipelineOptions): Pipeline {
  const prism = createPrism(operations, logger);
  const binding = createBinding(document);
  const { state, faults } = options;
  const limits = createRateLimits(document);
  // validateResponses off: the reply as it is, no check on the hot path.
  const checked: (route: Route, reply: Reply) => Reply = options.checkReply ?? ((_route, reply) => reply);
  /** Prism's operations by path: those of a request's path are all Prism needs to see. */
  const byPath = new Map<string, Operation[]>();
  for (const operation of operations) byPath.set(operation.path, [...(byPath.get(operation.path) ?? []), operation]);
  // The header of the spec's API key (checked for well-formedness).
  const { apiKey } = credentialsOf(document);
  const keyHeaders = apiKey ? [apiKey.toLowerCase()] : [];
  return async function handle(incoming) {
    const { method, target, headers } = incoming;
    if (!METHODS.has(method))
      return rejected({ status: 405, code: 'METHOD_NOT_ALLOWED', message: `${method} is not an HTTP method the mock serves.` });
    const at = target.indexOf('?');
    /** What the vendor's server would have garbled in the request (D.T.P): said in x-akinai-warning. */
    const notes = new Set<string>();
    const contentType = one(headers['content-type']);
    let path: string;
    let query: [string, string][];
    try {
      path = new URL(target, 'http://mock.invalid').pathname;
      // The query string in the API's charset; WHATWG URL would keep broken escapes as they are.
      const bytes = Buffer.from(target.slice(at + 1).replace(/#.*$/, ''), 'latin1');
      query = at < 0 ? [] : binding.forms ? leniently(bytes, charsetOf(contentType), notes) : decodeForm(bytes, binding.charset);
    } catch {
      return rejected({
        status: 400,
        code: 'BAD_URL',
        message: `The request URL cannot be parsed or is not valid percent-encoded ${binding.charset}.`,
      });
    }
    if (method === 'OPTIONS' && headers.origin && headers['access-control-request-method']) {
      return { status: 204, headers: { 'access-control-allow-methods': String(headers['access-control-request-method']), vary: 'origin' } };
    }
    if (path.startsWith(CONTROL)) return options.controls(method, path, headers, incoming.body);
    // D.T.P's ASP.NET pages read no Authorization header: only the session's cookies.
    const malformed = binding.forms ? undefined : malformedCredentials(headers, keyHeaders);
    if (malformed) return rejected({ status: 401, code: 'MALFORMED_CREDENTIALS', message: malformed });
    const input = toPrism(method, path, query, incoming.body, headers, notes);
    const warning: Record<string, string> = notes.size > 0 ? { 'x-akinai-warning': [...notes].join(' ') } : {};
    if ('status' in input) return rejected(input, warning);

    const matched = state.model.match(input.method.toUpperCase(), input.url.path);
    const route = matched?.route;
    const fault = route && faults.take(route.operationId);
    if (fault && 'reset' in fault && fault.reset === 'before') return { status: 0, headers: {}, drop: 'before' };
    if (fault && 'latencyMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    const answered = await answer(input, route, matched?.params ?? {}, headers, fault);
    const out = { ...answered, headers: { ...warning, ...answered.headers } };
    if (fault) out.headers['x-akinai-fault'] = describe(fault);
    return fault && 'reset' in fault ? { ...out, drop: 'after' } : out;
  };

  /** The answer to a request the mock has read and routed (`route`: undefined when it matches no operation). */
  async function answer(
    input: IHttpRequest,
    route: Route | undefined,
    params: Record<string, string>,
    headers: Incoming['headers'],
    fault: Fault | undefined,
  ): Promise<Outgoing> {
    if (route && fault && 'status' in fault) return failure(route, fault);
    const call: Call = { params, query: input.url.query as Call['query'], body: input.body, headers: flat(headers) };
    if (route && fault && 'sessionLost' in fault) {
      state.vendor.session?.end(state, call);
      return sent(checked(route, commandAnswer(document, route, 'sessionLost')));
    }
    if (fault && 'failAtRow' in fault) call.failAtRow = fault.failAtRow;
    const asked = headers.prefer !== undefined; // a documented answer on demand
    const stateful = Boolean(route && !options.static && !asked && keepsState(state, route));
    if (route && options.rateLimits && !limits.allows(route, headers)) {
      return sent(checked(route, { ...state.documented(route, 429), headers: { 'retry-after': '1' } }));
    }
    // The vendor's server keeps sessions (D.T.P): a command without a live one is refused before it runs.
    const lost = route && !options.static && !asked ? state.vendor.session?.check(state, route, call) : undefined;
    if (route && lost) return sent(checked(route, lost));
    const result = await prism(input, { among: route && byPath.get(route.path), fromState: stateful });
    // x-akinai-warning is the mock's own (documented on D.T.P's commands): never Prism's example of it.
    for (const name of Object.keys(result.headers)) if (name.toLowerCase() === 'x-akinai-warning') delete result.headers[name];
    const violations: Record<string, string> = {};
    if (result.violations.length > 0) {
      const header = JSON.stringify(result.violations);
      violations['sl-violations'] =
        header.length > MAX_VIOLATIONS_HEADER ? `Too many violations! ${header.slice(0, MAX_VIOLATIONS_HEADER)}` : header;
    }
    const command = statusTable(route) !== undefined; // a command of a command API (D.T.P): HTTP 200 with its own code
    if (route && (command || (!options.static && !asked)) && (result.status === 400 || result.status === 422)) {
      // The request is refused: in the vendor's words, naming what was wrong.
      const refused = result.violations.filter((v) => v.location[0] === 'request' && v.severity === 'Error');
      if (command && (options.static || asked))
        return sent(checked(route, commandAnswer(document, route, 'invalid', undefined, refused)), violations);
      if (refused.length > 0 || command)
        return sent(checked(route, state.vendor.invalid?.(route, refused) ?? state.documented(route, 400)), violations);
    }
    // A command without the session's cookies: the table's session-lost code (its server has no 401).
    if (route && command && result.status === 401) return sent(checked(route, commandAnswer(document, route, 'sessionLost')), violations);
    if (!('body' in result)) {
      const body = JSON.stringify({ type: result.name, title: result.title, status: result.status, detail: result.detail });
      return { status: result.status, headers: { ...result.headers, ...violations, 'content-type': 'application/problem+json' }, body };
    }
    if (stateful && result.status < 400) {
      const reply = fromState(state, route!, call);
      if (reply) return sent(checked(route!, reply), violations);
    }
    const out: Outgoing = { status: result.status, headers: { ...result.headers, ...violations }, body: result.body };
    // JSON is UTF-8; saying so keeps clients of APIs whose servers use another charset (D.T.P: Shift_JIS) from guessing.
    const type = Object.entries(out.headers).find(([name]) => name.toLowerCase() === 'content-type');
    if (type && typeof type[1] === 'string' && /json/.test(type[1]) && !/charset=/i.test(type[1]))
      out.headers[type[0]] = `${type[1]}; charset=utf-8`;
    return out;
  }

  /** A server failure on demand: the documented answer where the spec has one (a 429), else the vendor's failure page. */
  function failure(route: Route, fault: Extract<Fault, { status: number }>): Outgoing {
    const retryAfter: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
    if (route.operation.responses?.[String(fault.status)]) return sent({ ...state.documented(route, fault.status), headers: retryAfter });
    const page = state.vendor.failure?.(fault.status) ?? plainPage(fault.status);
    return { status: fault.status, headers: { 'content-type': page.contentType, ...retryAfter }, body: page.body };
  }

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

  /** The request as Prism reads it: the API's binding applied, the body parsed. */
  function toPrism(
    method: string,
    path: string,
    query: [string, string][],
    body: Incoming['body'],
    headers: Incoming['headers'],
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
      return {
        method: 'post',
        url: { path: bound.path, query: {} },
        headers: { ...rest, 'content-type': 'application/x-www-form-urlencoded' },
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
  if (depth(text) > JSON_DEPTH)
    return { status: 400, code: 'JSON_TOO_DEEP', message: `The JSON body nests deeper than ${JSON_DEPTH} levels.` };
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
function malformedCredentials(headers: Incoming['headers'], keyHeaders: string[]): string | undefined {
  const authorization = one(headers.authorization);
  if (authorization !== undefined && /^basic\b/i.test(authorization)) {
    const encoded = authorization.slice(6).trim();
    const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    if (!decoded.includes(':')) return 'Basic credentials must be the base64 of "user:password".';
  }
  for (const name of keyHeaders) {
    const key = headers[name];
    if (key !== undefined && (typeof key !== 'string' || key.trim() === '' || /\s/.test(key)))
      return `${name} must be a token without whitespace.`;
  }
  return undefined;
}

/** A server's failure page where the vendor shows none of its own (inferred): plain HTML naming the status. */
function plainPage(status: number): { contentType: string; body: string } {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Server Error'}`;
  return {
    contentType: 'text/html; charset=utf-8',
    body: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
  };
}

const STATUS_TEXT: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A fault as the x-akinai-fault header names it. */
const describe = (fault: Fault): string => JSON.stringify(fault);

const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(', ') : value);

/** Headers as Prism wants them: one string each (Node gives Set-Cookie as a list). */
function flat(headers: Incoming['headers']): Record<string, string> {
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
