// Spec-valid requests, drawn by fast-check and sampled by json-schema-faker from each operation's own
// schemas: fast-check picks the knobs (the faker's seed, how many optional fields are present, whether
// free text is Japanese, whether numbers and lengths sit on their bounds, whether documented example
// values are mixed in, the form's charset), json-schema-faker samples values under them; a sample that
// Ajv finds off the spec is discarded (fc.pre), so every request sent is valid by the spec.
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { generateSync } from 'json-schema-faker';
import type { Op, Param } from './spec.js';
import type { WireRequest } from './wire.js';

export interface Knobs {
  seed: number;
  /** Probability of each optional property and parameter: 0 = only what is required. */
  optionals: number;
  japanese: boolean;
  boundary: boolean;
  examples: boolean;
  /**
   * Forms (D.T.P): in the vendor's Shift_JIS; in UTF-8 with the charset named in the Content-Type; or
   * in UTF-8 without naming it, as generic clients send them (not what the spec asks for, so such a
   * request is judged by the invariant only).
   */
  form: 'shift_jis' | 'utf-8' | 'utf-8 unnamed';
  /** Whether an optional body is sent at all. */
  body: boolean;
  /** Arrays up to their schema's maxItems (a bulk of 100 members), not the usual few items. */
  manyItems: boolean;
}

export const knobs: fc.Arbitrary<Knobs> = fc.record({
  seed: fc.integer({ min: 1, max: 0x7fffffff }),
  optionals: fc.constantFrom(0, 0.3, 0.7, 1),
  japanese: fc.boolean(),
  boundary: fc.boolean(),
  examples: fc.boolean(),
  form: fc.constantFrom('shift_jis', 'utf-8', 'utf-8 unnamed'),
  body: fc.boolean(),
  // Rarely: sampling a hundred members takes json-schema-faker ~150 ms.
  manyItems: fc.oneof({ arbitrary: fc.constant(false), weight: 7 }, { arbitrary: fc.constant(true), weight: 1 }),
});

/** The parts of a request before they are bytes: what Ajv checks against the spec. */
export interface Parts {
  params: { param: Param; value: unknown }[];
  body: unknown;
  hasBody: boolean;
}

/** Characters every form of Japanese text takes, all of them in CP932 (so a Shift_JIS form carries them). */
const KANA =
  'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゃゅょっー';
const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンヴャュョッ';
const KANJI = '山田太郎花子佐藤鈴木高橋髙﨑渡辺伊藤中村小林東京都大阪府渋谷区新宿港会員様店舗商品番号住所電話取置売上点数円丁目番地号';
const OTHER = '０１２３４５６７８９ＡＢＣａｂｃ－～・「」（）、。　ｱｲｳｴｵｶﾞﾊﾟﾝ①②③㈱ 0123456789abcXYZ-_.';
const POOL = [...`${KANA}${KATAKANA}${KANJI}${OTHER}`];

/** A small deterministic PRNG (mulberry32), so a seed replays the same text. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isFreeText = (schema: any) =>
  schema &&
  [schema.type].flat().includes('string') &&
  schema.pattern === undefined &&
  schema.format === undefined &&
  schema.enum === undefined &&
  schema.const === undefined &&
  schema.contentMediaType === undefined;

/** One value of a schema under the knobs; `ascii` for header values (HTTP carries no Japanese there). */
export function sample(schema: any, k: Knobs, salt: number, { ascii = false } = {}): unknown {
  const random = prng(k.seed ^ Math.imul(salt + 1, 0x9e3779b1));
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const transform = (value: unknown, node: any): unknown => {
    if (typeof value === 'string' && isFreeText(node) && !ascii && k.japanese) {
      const min = node.minLength ?? 0;
      const max = Math.max(min, Math.min(node.maxLength ?? 16, 40));
      const length = k.boundary ? pick([min, max]) : min + Math.floor(random() * (max - min + 1));
      return Array.from({ length }, () => pick(POOL)).join('');
    }
    if (typeof value === 'string' && isFreeText(node) && k.boundary && node.maxLength !== undefined && node.maxLength <= 256) {
      return value.padEnd(node.maxLength, 'x').slice(0, node.maxLength);
    }
    if (typeof value === 'number' && k.boundary && random() < 0.6) {
      const candidates: number[] = [];
      const integer = [node?.type].flat().includes('integer') && ![node?.type].flat().includes('number');
      if (node?.minimum !== undefined) candidates.push(node.minimum);
      if (node?.maximum !== undefined) candidates.push(node.maximum);
      if (node?.exclusiveMinimum !== undefined)
        candidates.push(integer ? Math.floor(node.exclusiveMinimum) + 1 : node.exclusiveMinimum + 0.5);
      if (node?.exclusiveMaximum !== undefined)
        candidates.push(integer ? Math.ceil(node.exclusiveMaximum) - 1 : node.exclusiveMaximum - 0.5);
      if (candidates.length === 0) candidates.push(0, integer ? 2 ** 31 - 1 : 1e15, -1);
      return pick(candidates);
    }
    return value;
  };
  return generateSync(schema, {
    seed: (k.seed ^ Math.imul(salt + 7, 0x85ebca6b)) >>> 0 || 1,
    optionalsProbability: k.optionals,
    alwaysFakeOptionals: k.optionals === 1,
    maxDefaultItems: 3,
    ...(!k.manyItems && { maxItems: 4 }),
    refDepthMax: 2,
    outputTransform: transform,
  });
}

/** The parts of a request of `op` under the knobs (before Ajv has seen them). */
export function parts(op: Op, k: Knobs): Parts {
  const random = prng(k.seed);
  const out: Parts = { params: [], body: undefined, hasBody: false };
  op.params.forEach((param, i) => {
    if (!param.required && random() >= k.optionals) return;
    const value =
      k.examples && param.examples.length > 0
        ? param.examples[Math.floor(random() * param.examples.length)]
        : sample(param.schema, k, i, { ascii: param.in === 'header' || param.in === 'cookie' });
    out.params.push({ param, value });
  });
  if (op.body && (op.body.required || k.body)) {
    out.hasBody = true;
    let value = sample(op.body.schema, k, 1000);
    const example = op.body.examples[Math.floor(random() * Math.max(1, op.body.examples.length))]?.value;
    if (k.examples && isObject(value) && isObject(example)) {
      // Mix in the documented values (the seeded records' ids, codes and tokens), field by field.
      value = { ...value };
      for (const [name, field] of Object.entries(example)) if (random() < 0.6) (value as Record<string, unknown>)[name] = field;
    }
    out.body = value;
  }
  return out;
}

/** The parts of a documented example request: the body example, and each parameter's first example. */
export function exampleParts(op: Op, body: unknown, { optional }: { optional: boolean }): Parts {
  return {
    params: op.params
      .filter((param) => param.examples.length > 0 && (param.required || optional))
      .map((param) => ({ param, value: param.examples[0] })),
    body,
    hasBody: body !== undefined,
  };
}

/** Credentials as the spec's security schemes carry them. */
export interface Credentials {
  headers: Record<string, string>;
  cookies: Record<string, string>;
}

/** A request's bytes: path and query (UTF-8 percent-encoded), headers, credentials, the body in its media type. */
export function toWire(
  op: Op,
  p: Parts,
  { credentials, form = 'shift_jis' }: { credentials?: Credentials; form?: Knobs['form'] },
): WireRequest {
  let path = op.path;
  const query: string[] = [];
  const headers: Record<string, string> = {};
  const cookies: Record<string, string> = { ...(credentials?.cookies ?? {}) };
  for (const { param, value } of p.params) {
    const text = (item: unknown) => (typeof item === 'string' ? item : JSON.stringify(item));
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(text(value)));
    else if (param.in === 'query') {
      for (const item of Array.isArray(value) ? value : [value])
        query.push(`${encodeURIComponent(param.name)}=${encodeURIComponent(text(item))}`);
    } else if (param.in === 'header') headers[param.name.toLowerCase()] = text(value);
    else cookies[param.name] = text(value);
  }
  Object.assign(headers, credentials?.headers ?? {});
  if (Object.keys(cookies).length > 0)
    headers.cookie = Object.entries(cookies)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  let body: Buffer | undefined;
  if (p.hasBody && op.body) {
    if (/json/.test(op.body.mediaType)) {
      headers['content-type'] = 'application/json';
      body = Buffer.from(JSON.stringify(p.body));
    } else if (op.body.mediaType === 'application/x-www-form-urlencoded') {
      const fields = Object.entries(isObject(p.body) ? p.body : {})
        .filter(([, value]) => value !== undefined && value !== null)
        .map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)] as const);
      const sjis = form === 'shift_jis' && fields.every(([name, value]) => encodable(name) && encodable(value));
      headers['content-type'] =
        sjis || form === 'utf-8 unnamed' ? 'application/x-www-form-urlencoded' : 'application/x-www-form-urlencoded; charset=utf-8';
      body = Buffer.from(fields.map(([name, value]) => `${formEncode(name, sjis)}=${formEncode(value, sjis)}`).join('&'), 'latin1');
    } else {
      headers['content-type'] = op.body.mediaType;
      body = Buffer.from(typeof p.body === 'string' ? p.body : JSON.stringify(p.body));
    }
  }
  return { method: op.method, target: query.length > 0 ? `${path}?${query.join('&')}` : path, headers, body };
}

/** Whether CP932 carries a text both ways (iconv-lite writes `?` for what it cannot). */
const encodable = (text: string) => iconv.decode(iconv.encode(text, 'cp932'), 'cp932') === text;

/** application/x-www-form-urlencoded of a text, its bytes in CP932 (Shift_JIS) or UTF-8. */
function formEncode(text: string, sjis: boolean): string {
  const bytes = sjis ? iconv.encode(text, 'cp932') : Buffer.from(text, 'utf8');
  let out = '';
  for (const byte of bytes) {
    if (
      (byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      [0x2a, 0x2d, 0x2e, 0x5f].includes(byte)
    )
      out += String.fromCharCode(byte);
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
