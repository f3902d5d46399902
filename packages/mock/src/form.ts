// application/x-www-form-urlencoded, read as the vendors' servers read it: `+` and `%XX` are bytes, and
// the charset (UTF-8, or D.T.P's Shift_JIS) decides what they mean. Used for form bodies and for query
// strings alike.

/** The fields of a form (or a query string), decoded in `charset`; throws on bytes the charset cannot decode. */
export function decodeForm(bytes: Buffer, charset: string): [string, string][] {
  const decoder = new TextDecoder(charset, { fatal: true });
  const decode = (part: Buffer) => decoder.decode(percentBytes(part));
  return split(bytes, 0x26 /* & */)
    .filter((pair) => pair.length > 0)
    .map((pair) => {
      const at = pair.indexOf(0x3d /* = */);
      return at < 0 ? [decode(pair), ''] : [decode(pair.subarray(0, at)), decode(pair.subarray(at + 1))];
    });
}

/** Whether a charset label is one TextDecoder knows. */
export function knownCharset(charset: string): boolean {
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
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

/** `+` and `%XX` of a form field, as bytes; a `%` not followed by two hex digits is an error. */
function percentBytes(part: Buffer): Buffer {
  const out = Buffer.alloc(part.length);
  let length = 0;
  for (let i = 0; i < part.length; i += 1) {
    if (part[i] === 0x25) {
      const hex = part.toString('latin1', i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new URIError('a broken percent-escape');
      out[length++] = parseInt(hex, 16);
      i += 2;
    } else out[length++] = part[i] === 0x2b /* + */ ? 0x20 : part[i]!;
  }
  return out.subarray(0, length);
}

/** A form read as an ASP.NET page reads it, and what in it the vendor's server would have garbled. */
export interface Reading {
  fields: [string, string][];
  /** Some bytes were not text in the charset: they were read as U+FFFD. */
  replaced: boolean;
  /** Some field is UTF-8 multibyte text, read as Shift_JIS (valid, but mojibake: `髙輪` → `鬮呵ｼｪ`). */
  utf8: boolean;
  /** Some `%` was not followed by two hex digits (kept as it is, as ASP.NET does). */
  brokenEscapes: boolean;
}

/**
 * The fields of a form (or a query string) as ASP.NET's HttpUtility.UrlDecode reads them: never refused.
 * `+` is a space, `%XX` a byte, `%uXXXX` a UTF-16 unit, a `%` that is neither stays as it is; the bytes
 * are decoded in `charset`, a sequence it cannot decode becoming U+FFFD.
 */
export function readForm(bytes: Buffer, charset: string): Reading {
  const reading: Reading = { fields: [], replaced: false, utf8: false, brokenEscapes: false };
  const decoder = new TextDecoder(charset);
  const strict = new TextDecoder(charset, { fatal: true });
  const shiftJis = decoder.encoding === 'shift_jis';
  const text = (raw: Buffer) => {
    let out = '';
    for (const segment of lenientSegments(raw, reading)) {
      if (typeof segment === 'string') {
        out += segment;
        continue;
      }
      let decoded: string;
      try {
        decoded = strict.decode(segment);
      } catch {
        decoded = decoder.decode(segment);
        reading.replaced = true;
      }
      if (shiftJis && looksLikeUtf8(segment)) reading.utf8 = true;
      out += decoded;
    }
    return out;
  };
  for (const pair of split(bytes, 0x26 /* & */)) {
    if (pair.length === 0) continue;
    const at = pair.indexOf(0x3d /* = */);
    reading.fields.push(at < 0 ? [text(pair), ''] : [text(pair.subarray(0, at)), text(pair.subarray(at + 1))]);
  }
  return reading;
}

/** A field's bytes after `+` and `%XX`, split where a `%uXXXX` names a character itself. */
function lenientSegments(part: Buffer, reading: Reading): (Buffer | string)[] {
  const segments: (Buffer | string)[] = [];
  const out = Buffer.alloc(part.length);
  let length = 0;
  const hex = (from: number, count: number) =>
    /^[0-9a-fA-F]+$/.test(part.toString('latin1', from, from + count)) && from + count <= part.length;
  for (let i = 0; i < part.length; i += 1) {
    const byte = part[i]!;
    if (byte === 0x25 && (part[i + 1] === 0x75 || part[i + 1] === 0x55) && hex(i + 2, 4)) {
      segments.push(Buffer.from(out.subarray(0, length)), String.fromCharCode(parseInt(part.toString('latin1', i + 2, i + 6), 16)));
      length = 0;
      i += 5;
    } else if (byte === 0x25 && hex(i + 1, 2)) {
      out[length++] = parseInt(part.toString('latin1', i + 1, i + 3), 16);
      i += 2;
    } else {
      if (byte === 0x25) reading.brokenEscapes = true;
      out[length++] = byte === 0x2b /* + */ ? 0x20 : byte;
    }
  }
  segments.push(out.subarray(0, length));
  return segments.filter((segment) => segment.length > 0);
}

/**
 * Whether bytes are UTF-8 text with a character of three bytes or more (kana, kanji, `～`): what a client
 * sends that encodes its form in UTF-8. (Shift_JIS text is rarely also valid UTF-8 of that kind; half-width
 * kana, which can be, make only two-byte sequences.)
 */
function looksLikeUtf8(bytes: Buffer): boolean {
  if (!bytes.some((byte) => byte >= 0xe0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
