// What the proxy records of an exchange: its request and answer with every credential removed — the
// headers and cookies of the spec's security schemes, HTTP Basic (and its base64), the form of the
// operation that opens the session and what it answers — and personal data masked where the spec marks it
// (`x-akinai-personal`), unless asked to keep it. Each secret and each masked value is then scrubbed from
// every string of the record in every form a server may echo it in: as it is, JSON-escaped, base64,
// percent- or form-encoded from UTF-8 or Shift_JIS (any encoder, either case of hex), and its bytes read as
// Latin-1 (a raw header).
import { commandResult } from '@akinai/specs';
import iconv from 'iconv-lite';
import type { Body } from './bodies.js';
import type { Checked, Exchange } from './check.js';
import type { Contract } from './contract.js';
import type { ExchangeRecord } from './records.js';
import type { Pointer } from './walk.js';

const REDACTED = '[REDACTED]';

/**
 * How many credentials and personal values the recorder remembers, to remove them from later exchanges
 * too (a session's cookies, a name sent before and shown in an error page).
 */
const REMEMBERED = { secrets: 64, personal: 512 };
/** Personal values shorter than this are masked where the spec marks them, but not searched for elsewhere. */
const SHORTEST_SCRUBBED = 2;
/** The most of a text body (an HTML error page) a record keeps, in characters. */
const MAX_TEXT = 64 * 1024;

export interface RecorderOptions {
  /** Keep personal data as sent (credentials are removed all the same). */
  keepPersonalData?: boolean;
}

export function createRecorder(contract: Contract, options: RecorderOptions = {}) {
  const keep = options.keepPersonalData === true;
  const { credentials } = contract;
  const memory = new Memory();
  const result = commandResult(contract.document);
  /** What a login answers that is no credential: its command result's code and text. */
  const outcome = new Set(result ? [result.code, result.status] : []);

  return (exchange: Exchange, checked: Checked, timing: { started: Date; durationMs: number }): ExchangeRecord => {
    const secret = (value: string): typeof REDACTED => {
      memory.secret(value);
      return REDACTED;
    };
    const hide = (value: unknown): unknown => {
      if (keep) return value;
      for (const leaf of leaves(value)) if (leaf.length >= SHORTEST_SCRUBBED) memory.personal(leaf, String(mask(leaf)));
      return mask(value);
    };
    /** What the session's opening answers, but its status: credentials. */
    const loginAnswer = (value: unknown, key?: string): unknown => {
      if (key !== undefined && outcome.has(key)) return value;
      if (typeof value === 'string' && value !== '') return secret(value);
      if (Array.isArray(value)) return value.map((item) => loginAnswer(item));
      if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, loginAnswer(v, k)]));
      return value;
    };
    const field = ([name, value]: [string, string], byName: boolean): [string, string] => {
      if (checked.login) return [name, secret(value)];
      return checked.personal.names.has(name) || (byName && contract.personalNames.has(name.toLowerCase()))
        ? [name, String(hide(value))]
        : [name, value];
    };
    const bodyOf = (
      body: Body | undefined,
      located: Pointer[],
      byName: boolean,
      answer: boolean,
      unnamed: Pointer[] = [],
    ): Body | undefined => {
      if (!body) return body;
      if ('form' in body) return { form: body.form.map((pair) => field(pair, byName)) };
      if (!('json' in body)) return body;
      // The parsed copy is the recorder's own: masked in place.
      let json = body.json;
      if (checked.login && answer) json = loginAnswer(json);
      else if (checked.login) {
        for (const leaf of leaves(json)) secret(leaf);
        json = REDACTED;
      }
      for (const where of located) json = replaceAt(json, where, hide);
      // Where no schema says what is there: by the names the spec marks personal.
      if (byName) json = byNames(json, contract.personalNames, hide);
      for (const where of unnamed) {
        const name = String(where.at(-1)).toLowerCase();
        json = replaceAt(json, where, (part) =>
          contract.personalNames.has(name) ? hide(part) : byNames(part, contract.personalNames, hide),
        );
      }
      return { json };
    };

    const requestHeaders = headersOf(exchange.requestHeaders, secret, credentials, false);
    const query = checked.query.map((pair) => field(pair, false));
    const request = bodyOf(checked.request.body, checked.personal.request, !checked.route, false);
    const answerHeaders = exchange.answer && headersOf(exchange.answer.headers, secret, credentials, true);
    const answer = checked.answer && bodyOf(checked.answer.body, checked.personal.answer, !checked.described, true, checked.unnamed);
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
    return scrubbed(record, memory.replacer());
  };
}

/** The credentials and personal values seen so far (the most recent within bounds), and what replaces each. */
class Memory {
  private secrets = new Set<string>();
  private values = new Map<string, string>();
  private current = new Replacer();

  secret(value: string): void {
    if (!value || value === REDACTED) return;
    this.secrets.delete(value);
    this.secrets.add(value);
    this.current.add(value, REDACTED);
    if (this.secrets.size > REMEMBERED.secrets) this.forget(this.secrets);
  }

  personal(value: string, masked: string): void {
    if (this.secrets.has(value)) return;
    this.values.delete(value);
    this.values.set(value, masked);
    this.current.add(value, masked);
    if (this.values.size > REMEMBERED.personal) this.forget(this.values);
  }

  replacer(): Replacer {
    return this.current;
  }

  /** Forgets the oldest quarter, and rebuilds the replacer from what is left (credentials first). */
  private forget(list: Set<string> | Map<string, string>) {
    for (const key of [...list.keys()].slice(0, Math.ceil(list.size / 4))) list.delete(key);
    this.current = new Replacer();
    for (const value of this.secrets) this.current.add(value, REDACTED);
    for (const [value, masked] of this.values) this.current.add(value, masked);
  }
}

/** Headers as recorded: credential headers replaced (Authorization keeps its scheme), the session's cookies' values removed. */
function headersOf(
  headers: Exchange['requestHeaders'],
  secret: (value: string) => string,
  credentials: Contract['credentials'],
  answer: boolean,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (credentials.headers.has(name)) {
      for (const line of [value].flat()) {
        secret(line);
        const [scheme = '', token = ''] = line.split(/\s+(.*)/s);
        secret(token);
        const pair = /^basic$/i.test(scheme) ? Buffer.from(token, 'base64').toString('utf8') : '';
        const colon = pair.indexOf(':');
        if (colon >= 0) for (const part of [pair, pair.slice(0, colon), pair.slice(colon + 1)]) secret(part);
      }
      out[name] = [value]
        .flat()
        .map((line) => (/^\w+\s/.test(line) ? `${line.split(/\s/)[0]} ${REDACTED}` : REDACTED))
        .join(', ');
    } else if (name === 'cookie' || (answer && name === 'set-cookie')) {
      const lines = [value].flat().map((line) => cookies(line, credentials.cookies, secret, answer));
      out[name] = Array.isArray(value) ? lines : lines[0]!;
    } else out[name] = value;
  }
  return out;
}

/** A Cookie (or a Set-Cookie line) with the session cookies' values removed; other cookies (lang=0) kept. */
function cookies(line: string, session: Set<string>, secret: (value: string) => string, setCookie: boolean): string {
  return line
    .split(';')
    .map((pair, i) => {
      if (setCookie && i > 0) return pair; // attributes: path, HttpOnly…
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      if (at < 0 || !session.has(name)) return pair;
      return `${pair.slice(0, at + 1)}${secret(pair.slice(at + 1).trim())}`;
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
function mask(value: unknown): unknown {
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

/** A text as it is, JSON-escaped, base64, and its UTF-8 and Shift_JIS bytes read as Latin-1 (how a raw header arrives). */
function literalForms(text: string): string[] {
  const bytes = [Buffer.from(text), iconv.encode(text, 'Shift_JIS')];
  return [text, JSON.stringify(text).slice(1, -1), Buffer.from(text).toString('base64'), ...bytes.map((b) => b.toString('latin1'))];
}

/**
 * A pattern of the text percent-encoded from its UTF-8 or its Shift_JIS bytes by any encoder: each byte
 * as `%XX` in either case, or as itself when it is printable ASCII; a space also as `+`. Undefined when
 * every encoding of the text is the text itself.
 */
function encodedPattern(text: string): string | undefined {
  if (/^[A-Za-z0-9]*$/.test(text)) return undefined;
  const hex = (digit: string) => (/[0-9]/.test(digit) ? digit : `[${digit.toLowerCase()}${digit.toUpperCase()}]`);
  const of = (bytes: Buffer) =>
    [...bytes]
      .map((byte) => {
        const [high, low] = byte.toString(16).padStart(2, '0');
        const escaped = `%${hex(high!)}${hex(low!)}`;
        if (byte === 0x20) return `(?: |\\+|${escaped})`;
        if (byte > 0x20 && byte < 0x7f) return `(?:${String.fromCharCode(byte).replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')}|${escaped})`;
        return escaped;
      })
      .join('');
  return [...new Set([of(Buffer.from(text)), of(iconv.encode(text, 'Shift_JIS'))])].join('|');
}

/**
 * Replaces texts wherever they stand, in every form a server may echo them in: literally (see
 * literalForms), in one pass taking at each place the longest text that starts there; then percent- or
 * form-encoded (see encodedPattern), in the strings that hold a `%` or a `+`.
 */
class Replacer {
  /** The literal forms by their first character (sorted longest first before use). */
  private byStart = new Map<string, [string, string][]>();
  private known = new Set<string>();
  /** Encoded patterns, each with the length of its text and what replaces it. */
  private encoded = new Map<string, [number, string]>();
  private pattern: RegExp | undefined;
  private replacements: string[] = [];
  private ready = true;

  add(text: string, replacement: string): void {
    if (!text || this.known.has(text)) return;
    for (const form of literalForms(text)) {
      if (!form || this.known.has(form)) continue;
      this.known.add(form);
      const list = this.byStart.get(form[0]!) ?? [];
      list.push([form, replacement]);
      this.byStart.set(form[0]!, list);
    }
    const pattern = encodedPattern(text);
    if (pattern && !this.encoded.has(pattern)) this.encoded.set(pattern, [text.length, replacement]);
    this.ready = false;
  }

  get empty(): boolean {
    return this.known.size === 0;
  }

  replace(text: string): string {
    if (!this.ready) this.prepare();
    let out = '';
    let from = 0;
    for (let i = 0; i < text.length; ) {
      const hit = this.byStart.get(text[i]!)?.find(([candidate]) => text.startsWith(candidate, i));
      if (!hit) {
        i += 1;
        continue;
      }
      out += text.slice(from, i) + hit[1];
      i += hit[0].length;
      from = i;
    }
    const literal = from === 0 ? text : out + text.slice(from);
    if (!this.pattern || !/[%+]/.test(literal)) return literal;
    return literal.replace(this.pattern, (...match) => {
      const groups = match.at(-1) as Record<string, string | undefined>;
      const name = Object.keys(groups).find((key) => groups[key] !== undefined)!;
      return this.replacements[Number(name.slice(1))]!;
    });
  }

  private prepare() {
    for (const list of this.byStart.values()) list.sort((a, b) => b[0].length - a[0].length);
    // Longer texts first, each its own named group, so that a match says what replaces it.
    const entries = [...this.encoded].sort((a, b) => b[1][0] - a[1][0]);
    this.replacements = entries.map(([, [, replacement]]) => replacement);
    this.pattern = entries.length === 0 ? undefined : new RegExp(entries.map(([pattern], i) => `(?<g${i}>${pattern})`).join('|'), 'g');
    this.ready = true;
  }
}

/**
 * The record with the texts replaced in every string that comes from the exchange: the path, the query,
 * header values, every string and key of the bodies, what findings and evidence quote. The record's own
 * names (its keys, the API, method, operation, kinds and locations) stay as they are.
 */
function scrubbed(record: ExchangeRecord, replacer: Replacer): ExchangeRecord {
  if (replacer.empty) return record;
  const text = (input: string) => replacer.replace(input);
  const deep = (node: unknown): any => {
    if (typeof node === 'string') return text(node);
    if (Array.isArray(node)) return node.map(deep);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [text(key), deep(item)]));
  };
  // A text body is cut after it is scrubbed (a cut secret would no longer be found).
  const body = (part: Body): Body => {
    if (!('text' in part)) return deep(part);
    const scrubbedText = text(part.text);
    return { text: scrubbedText.length > MAX_TEXT ? `${scrubbedText.slice(0, MAX_TEXT)}…` : scrubbedText };
  };
  const values = (headers: Record<string, string | string[]>) =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, deep(value)]));
  const { request, answer } = record;
  return {
    ...record,
    path: text(record.path),
    ...(record.query && { query: deep(record.query) }),
    request: { headers: values(request.headers), ...(request.body && { body: body(request.body) }) },
    ...(answer && { answer: { headers: values(answer.headers), ...(answer.body && { body: body(answer.body) }) } }),
    findings: record.findings.map(({ kind, operationId, ...quoted }) => ({ kind, ...(operationId && { operationId }), ...deep(quoted) })),
    evidence: record.evidence.map((evidence) => ({ ...evidence, why: text(evidence.why) })),
    ...(record.error && { error: text(record.error) }),
  };
}
