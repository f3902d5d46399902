// Reading a response body within the client's bounds: at most `maxResponseBytes` after decompression
// (a 200 KiB gzip bomb must not cost gigabytes), and JSON nested at most JSON_DEPTH deep (a body nested
// 200,000 deep must not overflow the stack of whatever walks it next).
import { ResponseLimitError, type ErrorContext } from './errors.js';

// Literals, not `32 * 1024 * 1024`: a bundler keeps an unused top-level expression it cannot prove pure.
export const DEFAULT_MAX_RESPONSE_BYTES = 33_554_432; // 32 MiB
export const JSON_DEPTH = 256;
const EMPTY = /* @__PURE__ */ new Uint8Array(0);

/** The body's bytes, or ResponseLimitError (the rest is not read) once they pass `maxBytes`. */
export async function readBody(response: Response, maxBytes: number, context: ErrorContext): Promise<Uint8Array> {
  if (response.body === null) return EMPTY;
  const tooLarge = () =>
    new ResponseLimitError(context, response.status, 'maxResponseBytes', `the response body is over maxResponseBytes (${maxBytes} bytes)`);
  // Without Content-Encoding, Content-Length is the size (fetch enforces it); with it, only counting tells.
  const declared = response.headers.get('content-length');
  if (declared !== null && !response.headers.has('content-encoding')) {
    if (Number(declared) > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw tooLarge();
    }
    return new Uint8Array(await response.arrayBuffer());
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** JSON.parse, after checking the nesting depth (SyntaxError for invalid JSON is the caller's to handle). */
export function parseJson(text: string, context: ErrorContext, status: number): unknown {
  // A text can nest at most half its length deep: short ones need no scan.
  if (text.length > JSON_DEPTH * 2 && depthOver(text, JSON_DEPTH)) {
    throw new ResponseLimitError(context, status, 'jsonDepth', `the JSON body nests deeper than ${JSON_DEPTH} levels`);
  }
  return JSON.parse(text);
}

/** Whether arrays and objects nest deeper than `limit` (one pass; strings skipped). */
function depthOver(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 1; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) depth -= 1;
  }
  return false;
}
