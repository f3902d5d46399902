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
