// A copy of a body as sent, read as a client would: decompressed, decoded from the charset its
// Content-Type names (else UTF-8, else the API's charset: D.T.P's Shift_JIS), parsed when it is JSON or a
// form. What stands in the way of reading it — an unknown or wrong charset, none named where clients
// disagree, an encoding that cannot be undone — is said, for the checker to report.
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { knownCharset, readForm } from '../form.js';

/** A body as the record keeps it. */
export type Body = { json: unknown } | { form: [string, string][] } | { text: string } | { bytes: number };

export interface Reading {
  body?: Body;
  /** The media type, lower case, without parameters ('' when none is named). */
  type: string;
  problems: { kind: 'charset' | 'media-type'; message: string }[];
}

/** The most a compressed body is inflated to for the check. */
const MAX_INFLATED = 64 * 1024 * 1024;

export const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim().toLowerCase();
export const namedCharset = (contentType: string | undefined): string | undefined =>
  /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
export const isJson = (type: string) => type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type);

export function readBody(bytes: Buffer, headers: Record<string, string | string[] | undefined>, apiCharset: string): Reading {
  const contentType = [headers['content-type']].flat()[0];
  const type = mediaType(contentType);
  const reading: Reading = { type, problems: [] };
  if (bytes.length === 0) return reading;
  const encoding = String(headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  let plain: Buffer;
  try {
    plain = inflate(bytes, encoding);
  } catch {
    reading.problems.push({ kind: 'media-type', message: `The body's Content-Encoding "${encoding}" could not be decoded.` });
    reading.body = { bytes: bytes.length };
    return reading;
  }
  const named = namedCharset(contentType);
  if (type === 'application/x-www-form-urlencoded') {
    reading.body = { form: readForm(plain, named && knownCharset(named) ? named : apiCharset).fields };
    return reading;
  }
  if (!isJson(type) && !type.startsWith('text/') && !/[+/]xml$/.test(type)) {
    reading.body = { bytes: plain.length };
    return reading;
  }
  const text = decode(plain, named, apiCharset, reading);
  if (!isJson(type)) {
    reading.body = { text };
    return reading;
  }
  try {
    reading.body = { json: JSON.parse(text) };
  } catch {
    reading.body = { text };
  }
  return reading;
}

function inflate(bytes: Buffer, encoding: string): Buffer {
  const limit = { maxOutputLength: MAX_INFLATED };
  switch (encoding) {
    case 'identity':
    case '':
      return bytes;
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(bytes, limit);
    case 'deflate':
      try {
        return inflateSync(bytes, limit);
      } catch {
        return inflateRawSync(bytes, limit);
      }
    case 'br':
      return brotliDecompressSync(bytes, limit);
    default:
      throw new Error(`unknown content-encoding ${encoding}`);
  }
}

/** The text of a body, and what about its charset a client could get wrong. */
function decode(bytes: Buffer, named: string | undefined, apiCharset: string, reading: Reading): string {
  if (named !== undefined) {
    if (!knownCharset(named)) {
      reading.problems.push({
        kind: 'charset',
        message: `The Content-Type names the charset "${named}", which is unknown: read as ${apiCharset}.`,
      });
      return new TextDecoder(apiCharset).decode(bytes);
    }
    try {
      return new TextDecoder(named, { fatal: true }).decode(bytes);
    } catch {
      reading.problems.push({ kind: 'charset', message: `The body is not valid ${named}, the charset its Content-Type names.` });
      return new TextDecoder(named).decode(bytes);
    }
  }
  if (!bytes.some((byte) => byte >= 0x80)) return bytes.toString('latin1');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!/^utf-?8$/i.test(apiCharset)) {
      reading.problems.push({
        kind: 'charset',
        message: `The Content-Type names no charset and the text is UTF-8; a client of this API reads it as ${apiCharset}.`,
      });
    }
    return text;
  } catch {
    const fallback = /^utf-?8$/i.test(apiCharset) ? 'windows-1252' : apiCharset;
    reading.problems.push({
      kind: 'charset',
      message: `The Content-Type names no charset and the text is not UTF-8 (read as ${fallback}); a client that follows the JSON standard reads mojibake.`,
    });
    return new TextDecoder(fallback).decode(bytes);
  }
}
