// One exchange between a client and the vendor, judged against the spec in the vendor's dialect: the
// invariant the mock keeps (a documented status, media type and body; a command's code of its table, as
// D.T.P's), read as each vendor's server and clients read it (D.T.P's Shift_JIS forms and query strings,
// its request binding; Pittaly's GET with a body). It finds what drifts, the evidence the exchange gives for or
// against each inferred mark, and where the personal data is (for the recorder to mask).
import type { IncomingHttpHeaders } from 'node:http';
import { commandResult, inRow, knownCode } from '@akinai/specs';
import type { CommandResult } from '@akinai/specs/types';
import { rowOf, type StatusRow, statusTable } from '../commands.js';
import { knownCharset, readForm } from '../form.js';
import type { Route } from '../state/model.js';
import { documentedResponse } from '../validate-responses.js';
import { type Body, isJson, mediaType, namedCharset, type Reading, readBody } from './bodies.js';
import type { Contract } from './contract.js';
import { at, chain, instancePath, location, type Pointer, walk } from './walk.js';

export type FindingKind =
  | 'undocumented-operation'
  | 'undocumented-status'
  | 'media-type'
  | 'charset'
  | 'schema'
  | 'undeclared-property'
  | 'unknown-status-code'
  | 'page-size'
  | 'valid-request-refused'
  | 'invalid-request-accepted'
  | 'no-answer';

export interface Finding {
  kind: FindingKind;
  operationId?: string;
  /** Where in the answer's body (JSON Pointer). */
  at?: string;
  expected?: string;
  received?: string;
  message: string;
}

export interface Evidence {
  location: string;
  verdict: 'confirmed' | 'refuted';
  why: string;
}

export interface Exchange {
  method: string;
  /** The request target as the client sent it (path and query). */
  target: string;
  requestHeaders: IncomingHttpHeaders;
  requestBody: Buffer;
  answer?: { status: number; headers: IncomingHttpHeaders; body: Buffer };
  /** Why there is no complete answer, and whose doing it is (only the vendor's is a finding). */
  error?: { by: 'upstream' | 'client' | 'proxy'; message: string };
}

export interface Checked {
  route?: Route;
  path: string;
  query: [string, string][];
  request: Reading;
  answer?: Reading;
  findings: Finding[];
  evidence: Evidence[];
  /** Where personal data is: field and parameter names as sent; pointers into the JSON bodies. */
  personal: { names: Set<string>; request: Pointer[]; answer: Pointer[] };
  /** A request that opens the session: everything it sends and answers (but its status) is a credential. */
  login: boolean;
  /** The answer's body was read through its documented schema (so its personal data is located by the spec). */
  described: boolean;
  /** Properties of the answer no schema names (where personal data is found by the names the spec marks). */
  unnamed: Pointer[];
}

/** What the vendor did with a request: ran it, refused it as invalid, or neither (no session, a 5xx, an answer asked for…). */
type Outcome = 'accepted' | 'refused' | 'other';

/** A part of a request that an inferred mark stands on, and whether the spec accepts what was sent there. */
interface Use {
  location: string;
  valid: boolean;
  /** A property left out (the spec does not require it), with the default the spec gives it. */
  left?: { name: string; default?: unknown };
}

const MAX_SCHEMA_FINDINGS = 20;

export function checkExchange(contract: Contract, exchange: Exchange): Checked {
  const { document, binding } = contract;
  const split = exchange.target.indexOf('?');
  const rawPath = split < 0 ? exchange.target : exchange.target.slice(0, split);
  let path = rawPath;
  try {
    path = new URL(rawPath, 'http://proxy.invalid').pathname;
  } catch {}
  const contentType = [exchange.requestHeaders['content-type']].flat()[0];
  // D.T.P reads the query string in the form's charset (its API's unless the request names one).
  const named = namedCharset(contentType);
  const queryCharset = binding.forms ? (named && knownCharset(named) ? named : binding.charset) : 'utf-8';
  const query = split < 0 ? [] : readForm(Buffer.from(exchange.target.slice(split + 1).replace(/#.*$/, ''), 'latin1'), queryCharset).fields;
  const request = readBody(exchange.requestBody, exchange.requestHeaders, binding.charset);
  const form = request.body && 'form' in request.body ? request.body.form : undefined;
  const bound = binding.bind(exchange.method, path, query, form);
  const matched = contract.model.match(bound.method, bound.path);
  const checked: Checked = {
    path,
    query,
    request,
    findings: [],
    evidence: [],
    personal: { names: new Set(), request: [], answer: [] },
    login: false,
    described: false,
    unnamed: [],
  };
  const { findings } = checked;
  if (!matched) {
    findings.push({
      kind: 'undocumented-operation',
      message: `${exchange.method} ${path} is no operation of the spec.`,
      received: `${exchange.method} ${path}`,
    });
  }
  if (exchange.error?.by === 'upstream') findings.push({ kind: 'no-answer', message: exchange.error.message });
  if (exchange.answer) checked.answer = readBody(exchange.answer.body, exchange.answer.headers, binding.charset);
  if (!matched) return checked;

  const { route, params } = matched;
  checked.route = route;
  checked.login = contract.credentials.logins.has(route.operationId);
  const operationId = route.operationId;
  const op: Pointer = ['paths', route.path, route.method.toLowerCase()];
  const evidence = new Map<string, Evidence>();
  const note = (where: string, verdict: Evidence['verdict'], why: string) => {
    if (evidence.get(where)?.verdict !== 'refuted') evidence.set(where, { location: where, verdict, why });
  };
  const marked = (pointer: Pointer) => chain(document, pointer).filter((step) => contract.markAt.has(location(step)));

  // The request: what the spec accepts, which marks it relies on, where its personal data is.
  const uses: Use[] = [];
  const valid = readRequest(contract, route, op, params, exchange, query, bound.fields, request, uses, checked.personal);
  if (bound.fields) {
    // A form's personal fields, under the names they were sent by.
    const sent = [...query, ...(form ?? [])];
    const personal = new Set(checked.personal.request.map((where) => String(where[0])));
    bound.fields.forEach(([name], i) => {
      if (personal.has(name)) checked.personal.names.add(sent[i]![0]);
    });
  }
  const usedBinding =
    binding.forms &&
    (bound.method !== exchange.method ||
      bound.path !== path ||
      query.length > 0 ||
      (bound.fields ?? []).some(([name], i) => name !== [...query, ...(form ?? [])][i]![0]));

  const answer = exchange.answer;
  if (!answer || !checked.answer) {
    for (const finding of findings) finding.operationId ??= operationId;
    return checked;
  }
  const { status, headers } = answer;
  const reading = checked.answer;
  const json = reading.body && 'json' in reading.body ? reading.body.json : undefined;
  const documented = documentedResponse(document, route.path, route.method, status);
  const responses = Object.keys(at(document, [...op, 'responses']) ?? {});
  const table = statusTable(route);
  const result = commandResult(document);
  // A request with a Prefer header asks a mock for an answer: that answer says nothing of how the request was read.
  const outcome = exchange.requestHeaders.prefer === undefined ? outcomeOf(table, result, route, status, json) : 'other';

  if (!documented) {
    findings.push({
      kind: 'undocumented-status',
      operationId,
      message: `${route.method} ${route.path} answered ${status}, a status the operation does not document.`,
      expected: responses.join(', '),
      received: `${status}${reading.type ? ` ${reading.type}` : ''}`,
    });
    // A guessed success status is refuted by another success.
    if (status >= 200 && status < 300) {
      for (const key of responses.filter((key) => /^2/.test(key))) {
        for (const step of marked([...op, 'responses', key]))
          note(location(step), 'refuted', `${operationId} succeeded with ${status}, not ${key}.`);
      }
    }
  } else if (exchange.method !== 'HEAD') {
    checkAnswer(documented, json);
  }
  const shapeFindings = findings.filter((finding) => finding.kind === 'schema' || finding.kind === 'media-type');
  if (documented) {
    for (const step of marked([...op, 'responses', documented.key])) {
      if (shapeFindings.length === 0) note(location(step), 'confirmed', `${operationId} answered ${status} as documented.`);
      else
        note(
          location(step),
          'refuted',
          `${operationId} answered ${status} off its documented ${shapeFindings[0]!.kind}: ${shapeFindings[0]!.message}`,
        );
    }
    headerEvidence(contract, documented.pointer, headers, note);
  }
  if (table && result && json && typeof json === 'object' && result.code in json) {
    const code = Number((json as Record<string, unknown>)[result.code]);
    const cookies = cookieNames(exchange.requestHeaders);
    const withoutSession = !checked.login && [...contract.credentials.cookies].some((name) => !cookies.has(name));
    table.forEach((row, i) => {
      if (!row.inferred) return;
      const where = location([...op, 'x-akinai-status-codes', i]);
      if (inRow(row, code)) note(where, 'confirmed', `${operationId} answered ${result.code} ${code}.`);
      else if (row.sessionLost && withoutSession)
        note(where, 'refuted', `${operationId}, sent without the session's cookies, answered ${result.code} ${code}, not ${row.code}.`);
    });
  }
  // Requests: the vendor agrees with the spec where it accepts what the spec accepts and refuses what it refuses.
  if (valid.ok && outcome === 'refused') {
    findings.push({
      kind: 'valid-request-refused',
      operationId,
      message: `The vendor refused a request the spec accepts (${describeOutcome(result, status, json)}).`,
      received: describeOutcome(result, status, json),
    });
  }
  if (!valid.ok && outcome === 'accepted') {
    findings.push({
      kind: 'invalid-request-accepted',
      operationId,
      message: `The vendor accepted a request the spec refuses: ${valid.errors.slice(0, 3).join('; ')}.`,
      expected: valid.errors[0],
      received: describeOutcome(result, status, json),
    });
  }
  for (const use of uses) {
    if (outcome === 'other') continue;
    const agrees = use.valid === (outcome === 'accepted');
    if (use.left && 'default' in use.left && outcome === 'accepted' && json && typeof json === 'object') {
      const record = (Array.isArray(json) ? json[0] : json) as Record<string, unknown> | undefined;
      const shown = record?.[use.left.name];
      if (shown !== undefined && JSON.stringify(shown) !== JSON.stringify(use.left.default)) {
        note(
          use.location,
          'refuted',
          `${operationId}: "${use.left.name}" left out came back as ${JSON.stringify(shown)}, not ${JSON.stringify(use.left.default)}.`,
        );
        continue;
      }
    }
    if (agrees) {
      note(
        use.location,
        'confirmed',
        `${operationId}: the vendor ${outcome === 'accepted' ? 'accepted' : 'refused'} what the spec ${use.valid ? 'accepts' : 'refuses'} here.`,
      );
    } else if (!use.valid || valid.ok) {
      note(
        use.location,
        'refuted',
        `${operationId}: the vendor ${outcome === 'accepted' ? 'accepted' : 'refused'} what the spec ${use.valid ? 'accepts' : 'refuses'} here.`,
      );
    }
  }
  if (usedBinding && contract.markAt.has('#/x-akinai-request-binding')) {
    if (outcome === 'accepted')
      note(
        '#/x-akinai-request-binding',
        'confirmed',
        `${operationId} ran a request read through the binding (${exchange.method} ${path}).`,
      );
    else if (outcome === 'refused' && valid.ok)
      note(
        '#/x-akinai-request-binding',
        'refuted',
        `${operationId} refused a request read through the binding (${exchange.method} ${path}).`,
      );
  }
  // An operation the spec infers as a whole stands or falls with its exchanges.
  if (contract.markAt.has(location(op))) {
    if (findings.length === 0) note(location(op), 'confirmed', `${operationId} kept its contract.`);
    else note(location(op), 'refuted', `${operationId}: ${findings[0]!.kind}: ${findings[0]!.message}`);
  }
  for (const finding of findings) finding.operationId ??= operationId;
  checked.evidence = [...evidence.values()];
  return checked;

  /** The answer against the response the spec documents for its status. */
  function checkAnswer(documented: NonNullable<ReturnType<typeof documentedResponse>>, json: unknown) {
    const content: Record<string, unknown> = documented.node?.content ?? {};
    const types = Object.keys(content);
    const hasBody = reading.body !== undefined;
    for (const problem of reading.problems) findings.push({ kind: problem.kind, operationId, message: problem.message });
    if (types.length === 0 && hasBody) {
      findings.push({
        kind: 'media-type',
        operationId,
        message: `${status} came with a body (${reading.type || 'no media type named'}); the spec documents none for it.`,
        expected: 'no body',
        received: reading.type || 'a body',
      });
      return;
    }
    if (types.length === 0) return;
    if (!hasBody) {
      findings.push({
        kind: 'media-type',
        operationId,
        message: `${status} came without a body.`,
        expected: types.join(', '),
        received: 'no body',
      });
      return;
    }
    const key = types.find((type) => mediaType(type) === reading.type) ?? types.find((type) => wildcard(mediaType(type), reading.type));
    if (!key) {
      findings.push({
        kind: 'media-type',
        operationId,
        message: `${status} came as ${reading.type || 'no media type'}; the spec documents ${types.join(', ')}.`,
        expected: types.join(', '),
        received: reading.type || 'none named',
      });
      return;
    }
    if (!isJson(mediaType(key)) && !isJson(reading.type)) return;
    if (json === undefined) {
      findings.push({
        kind: 'schema',
        operationId,
        at: '',
        message: `${status} is not valid JSON.`,
        expected: 'JSON',
        received: snippet(textOf(reading.body)),
      });
      return;
    }
    const schema: Pointer = [...documented.pointer, 'content', key, 'schema'];
    if (at(contract.document, schema) === undefined) return;
    const validate = contract.validator(schema);
    if (!validate(json)) {
      for (const error of (validate.errors ?? []).slice(0, MAX_SCHEMA_FINDINGS)) {
        const where = error.keyword === 'required' ? `${error.instancePath}/${String(error.params.missingProperty)}` : error.instancePath;
        findings.push({
          kind: 'schema',
          operationId,
          at: where,
          message: `${where || '/'} ${error.message ?? 'is off the schema'}.`,
          expected: expectation(error),
          received: error.keyword === 'required' ? 'absent' : snippet(valueAt(json, error.instancePath)),
        });
      }
    }
    const shapes = walk(contract.document, schema, json, contract.valid, {
      node(pointer, node, value, where) {
        if (node['x-akinai-personal'] === true) checked.personal.answer.push(where);
        const mark = contract.markOf.get(node);
        if (!mark || mark.kind === 'request') return;
        if (contract.valid(pointer, node, value))
          note(mark.location, 'confirmed', `${operationId} answered ${instancePath(where) || '/'} as the spec says.`);
        else
          note(mark.location, 'refuted', `${operationId} answered ${instancePath(where) || '/'} off the schema there: ${snippet(value)}.`);
      },
      absent(pointer, _node, required, where) {
        if (!required) return;
        for (const step of marked(pointer))
          note(location(step), 'refuted', `${operationId} answered ${instancePath(where) || '/'} without "${String(pointer.at(-1))}".`);
      },
    });
    for (const shape of shapes) {
      if (!shape.named) continue;
      for (const name of Object.keys(shape.value)) {
        if (shape.declared.has(name)) continue;
        checked.unnamed.push([...shape.where, name]);
        findings.push({
          kind: 'undeclared-property',
          operationId,
          at: instancePath([...shape.where, name]),
          message: `${instancePath([...shape.where, name])}: a property the schema does not name.`,
          received: name,
        });
      }
    }
    const body = json as Record<string, unknown> | null;
    if (table && result && body && typeof body === 'object' && result.code in body && !knownCode(result, table, body[result.code])) {
      const text = body[result.status];
      findings.push({
        kind: 'unknown-status-code',
        operationId,
        at: instancePath([result.code]),
        message: `${result.code} ${JSON.stringify(body[result.code])} is not ${result.success} or a code of ${operationId}'s table.`,
        expected: `${result.success} or ${table.map((row) => (row.to === undefined ? row.code : `${row.code}…${row.to}`)).join(', ')}`,
        received: `${String(body[result.code])} ${typeof text === 'string' ? text : ''}`.trim(),
      });
    }
    checked.described = true;
    pageSize(json);
  }

  /** A page of a list the spec pages (x-akinai-state's page): as many items as it says. */
  function pageSize(json: unknown) {
    const page = route.state?.page;
    // An example asked for with Prefer is no page of real records.
    if (!page || status < 200 || status >= 300 || exchange.requestHeaders.prefer !== undefined) return;
    const items = page.envelope ? (json as Record<string, unknown>)?.[page.envelope.items] : json;
    if (!Array.isArray(items)) return;
    const requested = page.sizeParam ? Number(query.find(([name]) => name === page.sizeParam)?.[1]) : Number.NaN;
    const size = Number.isInteger(requested) && requested > 0 ? requested : page.size;
    const envelope = json as Record<string, unknown>;
    const more = page.cursor
      ? Boolean([headers[page.cursor.header.toLowerCase()]].flat()[0])
      : page.envelope?.current && page.envelope.last
        ? Number(envelope[page.envelope.current]) < Number(envelope[page.envelope.last])
        : false;
    if (items.length > size || (more && items.length < size)) {
      findings.push({
        kind: 'page-size',
        operationId,
        message: `A page of ${items.length} items${more ? ', not the last one,' : ''} where the spec's pages hold ${size}.`,
        expected: `${size} a page`,
        received: `${items.length}`,
      });
    }
  }
}

/**
 * Reads the request as the spec describes it: its parameters and body validated (Ajv; parameters coerced
 * from their text as a server reads them), the inferred marks it relies on collected in `uses`, and where
 * its personal data is. Returns whether the spec accepts it, and why not.
 */
function readRequest(
  contract: Contract,
  route: Route,
  op: Pointer,
  params: Record<string, string>,
  exchange: Exchange,
  query: [string, string][],
  fields: [string, string][] | undefined,
  request: Reading,
  uses: Use[],
  personal: Checked['personal'],
): { ok: boolean; errors: string[] } {
  const { document } = contract;
  const errors: string[] = [];
  const item = at(document, ['paths', route.path]) ?? {};
  const parameters: Pointer[] = [
    ...(item.parameters ?? []).map((_: unknown, i: number) => ['paths', route.path, 'parameters', i]),
    ...(route.operation.parameters ?? []).map((_: unknown, i: number) => [...op, 'parameters', i]),
  ];
  for (const raw of parameters) {
    const steps = chain(document, raw);
    const pointer = steps.at(-1)!;
    const parameter = at(document, pointer);
    if (!parameter?.name || parameter.in === 'cookie' || (fields && parameter.in === 'query')) continue;
    const value =
      parameter.in === 'path'
        ? params[parameter.name]
        : parameter.in === 'header'
          ? [exchange.requestHeaders[String(parameter.name).toLowerCase()]].flat()[0]
          : query.find(([name]) => name === parameter.name)?.[1];
    if (parameter['x-akinai-personal'] === true) personal.names.add(parameter.name);
    const marks = [...steps, ...chain(document, [...pointer, 'schema'])].filter((step) => contract.markAt.has(location(step)));
    if (value === undefined) {
      if (parameter.required) errors.push(`the ${parameter.in} parameter "${parameter.name}" is required`);
      continue;
    }
    const schema = [...pointer, 'schema'];
    const coerced = coerce(
      chain(document, schema)
        .map((step) => at(document, step))
        .at(-1),
      value,
    );
    const ok = at(document, schema) === undefined || contract.valid(schema, at(document, schema), coerced);
    if (!ok) errors.push(`the ${parameter.in} parameter "${parameter.name}" is off its schema`);
    for (const step of marks) uses.push({ location: location(step), valid: ok });
  }
  const bodyPointer = chain(document, [...op, 'requestBody']).at(-1)!;
  const requestBody = at(document, bodyPointer);
  if (!requestBody) return { ok: errors.length === 0, errors };
  const content: Record<string, unknown> = requestBody.content ?? {};
  const form = fields !== undefined || (request.body !== undefined && 'form' in request.body);
  const value = fields
    ? Object.fromEntries([...fields].reverse())
    : request.body === undefined
      ? undefined
      : 'json' in request.body
        ? request.body.json
        : 'form' in request.body
          ? Object.fromEntries([...request.body.form].reverse())
          : 'text' in request.body
            ? request.body.text
            : undefined;
  if (value === undefined) {
    if (requestBody.required) errors.push('the request has no body; the spec requires one');
    return { ok: errors.length === 0, errors };
  }
  const type = form ? 'application/x-www-form-urlencoded' : request.type;
  const key = Object.keys(content).find((candidate) => mediaType(candidate) === type);
  if (!key) {
    errors.push(`the body is ${type || 'of no media type'}; the spec takes ${Object.keys(content).join(', ')}`);
    return { ok: false, errors };
  }
  const schema: Pointer = [...bodyPointer, 'content', key, 'schema'];
  if (at(document, schema) === undefined) return { ok: errors.length === 0, errors };
  const validate = contract.validator(schema);
  if (!validate(value)) {
    for (const error of (validate.errors ?? []).slice(0, 5)) errors.push(`${error.instancePath || 'the body'} ${error.message}`);
  }
  walk(document, schema, value, contract.valid, {
    node(pointer, node, part, where) {
      if (node['x-akinai-personal'] === true) personal.request.push(where);
      const mark = contract.markOf.get(node);
      if (mark) uses.push({ location: mark.location, valid: contract.valid(pointer, node, part) });
    },
    absent(pointer, _node, required) {
      const name = String(pointer.at(-1));
      const steps = chain(document, pointer).map((step) => at(document, step));
      const fallback = steps.find((step) => step && typeof step === 'object' && 'default' in step);
      for (const step of steps) {
        const mark = contract.markOf.get(step);
        if (mark) uses.push({ location: mark.location, valid: !required, left: { name, ...(fallback && { default: fallback.default }) } });
      }
    },
  });
  return { ok: errors.length === 0, errors };
}

/** A parameter's text as the value its schema describes (a number, a boolean), as a server reads it. */
function coerce(schema: any, text: string): unknown {
  const types = [schema?.type].flat();
  if (types.includes('string') || types.length === 0) return text;
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function outcomeOf(
  table: StatusRow[] | undefined,
  result: CommandResult | undefined,
  route: Route,
  status: number,
  json: unknown,
): Outcome {
  if (!table || !result) {
    if (status >= 200 && status < 300) return 'accepted';
    return status === 400 || status === 422 ? 'refused' : 'other';
  }
  if (status !== 200 || json === null || typeof json !== 'object' || !(result.code in json)) return 'other';
  const code = Number((json as Record<string, unknown>)[result.code]);
  if (code === result.success) return 'accepted';
  if (table.some((row) => row.sessionLost && inRow(row, code))) return 'other';
  return inRow(rowOf(route, 'invalid'), code) ? 'refused' : 'accepted';
}

function describeOutcome(result: CommandResult | undefined, status: number, json: unknown): string {
  const body = json as Record<string, unknown> | null;
  if (result && body && typeof body === 'object' && result.code in body)
    return `${result.code} ${String(body[result.code])} ${String(body[result.status] ?? '')}`.trim();
  return `HTTP ${status}`;
}

/** The response headers the spec documents that an inferred mark stands on: confirmed by a valid value, refuted by another. */
function headerEvidence(
  contract: Contract,
  response: Pointer,
  headers: IncomingHttpHeaders,
  note: (where: string, verdict: Evidence['verdict'], why: string) => void,
) {
  for (const name of Object.keys(at(contract.document, [...response, 'headers']) ?? {})) {
    const steps = chain(contract.document, [...response, 'headers', name]);
    const marks = steps.filter((step) => contract.markAt.has(location(step)));
    const value = [headers[name.toLowerCase()]].flat()[0];
    if (marks.length === 0 || value === undefined) continue;
    const schema = [...steps.at(-1)!, 'schema'];
    const ok = at(contract.document, schema) === undefined || contract.valid(schema, at(contract.document, schema), value);
    for (const step of marks)
      note(location(step), ok ? 'confirmed' : 'refuted', `The answer's ${name} header ${ok ? 'is' : 'is not'} as documented.`);
  }
}

function cookieNames(headers: IncomingHttpHeaders): Set<string> {
  const names = new Set<string>();
  for (const pair of String(headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) names.add(pair.slice(0, at).trim());
  }
  return names;
}

const wildcard = (documented: string, received: string) =>
  documented === '*/*' || (documented.endsWith('/*') && received.startsWith(documented.slice(0, -1)));

function expectation(error: { keyword: string; message?: string; params: Record<string, unknown> }): string {
  const { keyword, params } = error;
  if (keyword === 'type') return `type ${[params.type].flat().join(' or ')}`;
  if (keyword === 'enum') return `one of ${JSON.stringify(params.allowedValues)}`;
  if (keyword === 'required') return `a property "${String(params.missingProperty)}"`;
  if (keyword === 'format') return `format ${String(params.format)}`;
  if (keyword === 'pattern') return `pattern ${String(params.pattern)}`;
  return error.message ?? keyword;
}

function valueAt(value: unknown, pointer: string): unknown {
  if (!pointer) return value;
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node: any, key) => (node === null || typeof node !== 'object' ? undefined : node[key]), value);
}

const textOf = (body: Body | undefined) => (body && 'text' in body ? body.text : '');

/** A value as a short text for a finding. */
function snippet(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
