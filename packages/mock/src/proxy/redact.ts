// What the proxy records of an exchange: its request and answer with every credential removed — the
// headers and cookies of the spec's security schemes, HTTP Basic (and its base64), the form of the
// operation that opens the session and what it answers — and personal data masked where the spec marks it
// (`x-akinai-personal`), unless asked to keep it. Each secret and each masked value is then scrubbed from
// every string of the record in every form a server may echo it in: as it is, JSON-escaped, percent- and
// form-encoded (UTF-8 and Shift_JIS, either case of hex), its bytes read as Latin-1 (a raw header) and base64.
import iconv from 'iconv-lite';
import type { Body } from './bodies.js';
import type { Checked, Exchange } from './check.js';
import type { Contract } from './contract.js';
import type { ExchangeRecord } from './records.js';
import type { Pointer } from './walk.js';

export const REDACTED = '[REDACTED]';

/** How many session secrets (cookie values) the recorder remembers, to scrub them from later exchanges. */
const REMEMBERED = 256;
/** Personal values shorter than this are masked where the spec marks them, but not searched for elsewhere. */
const SHORTEST_SCRUBBED = 2;

export interface RecorderOptions {
  /** Keep personal data as sent (credentials are removed all the same). */
  keepPersonalData?: boolean;
}

export function createRecorder(contract: Contract, options: RecorderOptions = {}) {
  const keep = options.keepPersonalData === true;
  const remembered: string[] = [];
  const { credentials } = contract;

  return (exchange: Exchange, checked: Checked, timing: { started: Date; durationMs: number }): ExchangeRecord => {
    const secrets = new Set<string>(remembered);
    const personal = new Map<string, string>();
    const remember = (value: string) => {
      if (!value) return;
      secrets.add(value);
      if (!remembered.includes(value)) remembered.push(value);
      if (remembered.length > REMEMBERED) remembered.shift();
    };
    const hide = (value: unknown): unknown => {
      if (keep) return value;
      for (const leaf of leaves(value)) if (leaf.length >= SHORTEST_SCRUBBED) personal.set(leaf, String(mask(leaf)));
      return mask(value);
    };
    const loginAnswer = (value: unknown, key?: string): unknown => {
      if (key === 'StatusCode' || key === 'Status') return value;
      if (typeof value === 'string' && value !== '') {
        secrets.add(value);
        return REDACTED;
      }
      if (Array.isArray(value)) return value.map((item) => loginAnswer(item));
      if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loginAnswer(v, k)]));
      return value;
    };

    const requestHeaders = headersOf(exchange.requestHeaders, secrets, remember, credentials, false);
    const query = checked.query.map(([name, value]): [string, string] => {
      if (checked.login || credentials.query.has(name.toLowerCase())) {
        secrets.add(value);
        return [name, REDACTED];
      }
      return checked.personal.names.has(name) ? [name, String(hide(value))] : [name, value];
    });
    const request = bodyOf(checked.request.body, checked.personal.request, !checked.route);
    const answerHeaders = exchange.answer && headersOf(exchange.answer.headers, secrets, remember, credentials, true);
    const answer = checked.answer && bodyOf(checked.answer.body, checked.personal.answer, !checked.described, checked.login);

    function bodyOf(body: Body | undefined, located: Pointer[], byName: boolean, login = false): Body | undefined {
      if (!body) return body;
      if ('form' in body) {
        return {
          form: body.form.map(([name, value]): [string, string] => {
            if (checked.login) {
              secrets.add(value);
              return [name, REDACTED];
            }
            return checked.personal.names.has(name) || (byName && contract.personalNames.has(name.toLowerCase()))
              ? [name, String(hide(value))]
              : [name, value];
          }),
        };
      }
      if (!('json' in body)) return body;
      let json = structuredClone(body.json);
      if (login) json = loginAnswer(json);
      else if (checked.login) {
        for (const leaf of leaves(json)) secrets.add(leaf);
        json = REDACTED;
      }
      for (const where of located) json = replaceAt(json, where, hide);
      if (byName) json = byNames(json, contract.personalNames, hide);
      return { json };
    }

    const record: ExchangeRecord = {
      time: timing.started.toISOString(),
      api: contract.api,
      method: exchange.method,
      path: checked.path,
      ...(query.length > 0 && { query }),
      ...(checked.route && { operationId: checked.route.operationId }),
      ...(exchange.answer && { status: exchange.answer.status }),
      durationMs: Math.round(timing.durationMs * 1000) / 1000,
      request: { headers: requestHeaders, ...(request && { body: request }) },
      ...(exchange.answer && { answer: { headers: answerHeaders!, ...(answer && { body: answer }) } }),
      findings: checked.findings,
      evidence: checked.evidence,
      ...(exchange.error && { error: exchange.error.message }),
    };
    return scrubbed(record, replacements(secrets, personal));
  };
}

/** Headers as recorded: credential headers replaced (Authorization keeps its scheme), the session's cookies' values removed. */
function headersOf(
  headers: Exchange['requestHeaders'],
  secrets: Set<string>,
  remember: (value: string) => void,
  credentials: Contract['credentials'],
  answer: boolean,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (credentials.headers.has(name)) {
      for (const line of [value].flat()) {
        secrets.add(line);
        const [scheme, token = ''] = line.split(/\s+(.*)/s);
        secrets.add(token);
        if (/^basic$/i.test(scheme ?? '')) {
          const pair = Buffer.from(token, 'base64').toString('utf8');
          const colon = pair.indexOf(':');
          for (const part of [pair, pair.slice(0, colon), pair.slice(colon + 1)]) if (colon >= 0) secrets.add(part);
        }
      }
      out[name] = [value]
        .flat()
        .map((line) => (/^\w+\s/.test(line) ? `${line.split(/\s/)[0]} ${REDACTED}` : REDACTED))
        .join(', ');
    } else if (name === 'cookie' || (answer && name === 'set-cookie')) {
      const lines = [value].flat().map((line) => cookies(line, credentials.cookies, remember, answer));
      out[name] = Array.isArray(value) ? lines : lines[0]!;
    } else out[name] = value;
  }
  return out;
}

/** A Cookie (or a Set-Cookie line) with the session cookies' values removed; other cookies (lang=0) kept. */
function cookies(line: string, session: Set<string>, remember: (value: string) => void, setCookie: boolean): string {
  const pairs = setCookie ? [line.split(';')[0]!, ...line.split(';').slice(1)] : line.split(';');
  return pairs
    .map((pair, i) => {
      if (setCookie && i > 0) return pair; // attributes: path, HttpOnly…
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      if (at < 0 || !session.has(name)) return pair;
      remember(pair.slice(at + 1).trim());
      return `${pair.slice(0, at + 1)}${REDACTED}`;
    })
    .join(';');
}

/** The value with the part at `where` replaced by `replace(part)`. */
function replaceAt(value: unknown, where: Pointer, replace: (part: unknown) => unknown): unknown {
  if (where.length === 0) return replace(value);
  if (value === null || typeof value !== 'object') return value;
  const [key, ...rest] = where;
  if (!Object.hasOwn(value, key!)) return value;
  const node = value as Record<string | number, unknown>;
  node[key!] = replaceAt(node[key!], rest, replace);
  return value;
}

/** For a body no schema describes: every property whose name the spec marks personal, masked. */
function byNames(value: unknown, names: Set<string>, hide: (part: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => byNames(item, names, hide));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, names.has(key.toLowerCase()) ? hide(item) : byNames(item, names, hide)]),
  );
}

/** The strings (and numbers, as text) in a value. */
function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(leaves);
}

/**
 * A personal value masked, its shape kept so that a record stays valid where it was (a seed the mock can
 * serve): digits become 0 (a date 2000-01-01), Latin letters x or X, kana ア or あ, anything else ＊; spaces
 * and ASCII punctuation stay. A number becomes 0; objects and lists are masked throughout.
 */
export function mask(value: unknown): unknown {
  if (typeof value === 'number') return 0;
  if (Array.isArray(value)) return value.map(mask);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mask(item)]));
  if (typeof value !== 'string') return value;
  const masked = [...value]
    .map((c) => {
      if (/[0-9]/.test(c)) return '0';
      if (/[０-９]/.test(c)) return '０';
      if (/[a-z]/.test(c)) return 'x';
      if (/[A-Z]/.test(c)) return 'X';
      if (/[\u3041-\u3096]/.test(c)) return 'あ';
      if (/[\u30a1-\u30fa]/.test(c)) return 'ア';
      if (/[\uff66-\uff9d]/.test(c)) return 'ｱ';
      if (/[\s!-/:-@[-`{-~ー・]/.test(c)) return c;
      return '＊';
    })
    .join('');
  return masked.replace(/^0000([-/])00([-/])00/, (_, a: string, b: string) => `2000${a}01${b}01`);
}

/** Every form a server may echo a text in, each with what replaces it. */
function replacements(secrets: Set<string>, personal: Map<string, string>): [string, string][] {
  const out = new Map<string, string>();
  for (const [value, masked] of personal) for (const form of formsOf(value)) out.set(form, masked);
  for (const secret of secrets) {
    if (!secret || secret === REDACTED) continue;
    for (const form of formsOf(secret)) out.set(form, REDACTED);
    out.set(Buffer.from(secret).toString('base64'), REDACTED);
  }
  // Longest first: a longer form is replaced before a part of it.
  return [...out].filter(([form]) => form.length > 0).sort((a, b) => b[0].length - a[0].length);
}

/** A text as it is, JSON-escaped, percent- and form-encoded from its UTF-8 and its Shift_JIS bytes, and those bytes as Latin-1. */
export function formsOf(text: string): string[] {
  const lower = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  const utf8 = encodeURIComponent(text);
  const form = new URLSearchParams({ s: text }).toString().slice(2);
  const sjis = iconv.encode(text, 'Shift_JIS');
  const sjisForm = percent(sjis, /[A-Za-z0-9*\-._]/, '+');
  const sjisUri = percent(sjis, /[A-Za-z0-9\-_.!~*'()]/, '%20');
  // Bytes read as Latin-1: how a header carrying the text raw arrives.
  const latin1 = [Buffer.from(text).toString('latin1'), sjis.toString('latin1')];
  return [...new Set([text, JSON.stringify(text).slice(1, -1), utf8, form, sjisForm, sjisUri, ...latin1].flatMap((f) => [f, lower(f)]))];
}

function percent(bytes: Buffer, keep: RegExp, space: string): string {
  let out = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += byte === 0x20 ? space : byte < 0x80 && keep.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The record with each form replaced in every string that comes from the exchange: the path, the query,
 * header values, every string and key of the bodies, what findings and evidence quote. The record's own
 * names (its keys, the API, method, operation, kinds and locations) stay as they are.
 */
function scrubbed(record: ExchangeRecord, forms: [string, string][]): ExchangeRecord {
  if (forms.length === 0) return record;
  const text = (input: string) => {
    let out = input;
    for (const [form, replacement] of forms) if (out.includes(form)) out = out.split(form).join(replacement);
    return out;
  };
  const deep = (node: unknown): any => {
    if (typeof node === 'string') return text(node);
    if (Array.isArray(node)) return node.map(deep);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [text(key), deep(item)]));
  };
  const values = (headers: Record<string, string | string[]>) =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, deep(value)]));
  const { request, answer } = record;
  return {
    ...record,
    path: text(record.path),
    ...(record.query && { query: deep(record.query) }),
    request: { headers: values(request.headers), ...(request.body && { body: deep(request.body) }) },
    ...(answer && { answer: { headers: values(answer.headers), ...(answer.body && { body: deep(answer.body) }) } }),
    findings: record.findings.map(({ kind, operationId, ...quoted }) => ({ kind, ...(operationId && { operationId }), ...deep(quoted) })),
    evidence: record.evidence.map((evidence) => ({ ...evidence, why: text(evidence.why) })),
    ...(record.error && { error: text(record.error) }),
  };
}
