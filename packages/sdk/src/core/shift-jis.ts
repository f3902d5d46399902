// Shift_JIS as D.T.P's ASP.NET server reads it: code page 932 (Windows-31J), which is what WHATWG's
// "Shift_JIS" decoder implements in every browser and in Node.js. No runtime has an encoder, so the
// table is built once from the decoder, choosing the bytes Windows chooses where a character has two.
import { RequestEncodingError } from './errors.js';
import { SENSITIVE_NAME } from './redact.js';

/**
 * Characters JIS X 0208 defines once but Unicode mappings disagree on (what macOS or a JIS table gives,
 * → what CP932 decodes the same bytes to): sent as those bytes, so the server stores the character the
 * user typed.
 */
const JIS_VARIANTS: Record<string, string> = {
  '\u301C': '\uFF5E', // 〜 WAVE DASH → ～
  '\u2212': '\uFF0D', // − MINUS SIGN → －
  '\u2016': '\u2225', // ‖ → ∥
  '\u2014': '\u2015', // — EM DASH → ―
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
};

let table: Map<string, number> | undefined;

/** Character → two bytes (lead << 8 | trail), as CP932 encodes it. */
function doubleByteTable(): Map<string, number> {
  if (table) return table;
  const decoder = new TextDecoder('shift_jis');
  const map = new Map<string, number>();
  const leads = [...range(0x81, 0x9f), ...range(0xe0, 0xfc)];
  // NEC-selected IBM extensions (leads 0xED, 0xEE) duplicate the IBM extensions (0xFA–0xFC); Windows,
  // like WHATWG's encoder, writes the IBM bytes (髙 → FB FC), so those leads only fill gaps.
  for (const lead of [...leads.filter((l) => l !== 0xed && l !== 0xee), 0xed, 0xee]) {
    for (const trail of [...range(0x40, 0x7e), ...range(0x80, 0xfc)]) {
      const text = decoder.decode(new Uint8Array([lead, trail]));
      if (text.length === 1 && text !== '\uFFFD' && !map.has(text)) map.set(text, (lead << 8) | trail);
    }
  }
  table = map;
  return map;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The CP932 bytes of a text. Throws RequestEncodingError naming the first character it cannot carry. */
export function encodeShiftJis(text: string, parameter: string): Uint8Array {
  const bytes: number[] = [];
  let position = 0;
  for (const original of text) {
    const char = JIS_VARIANTS[original] ?? original;
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0xff61 && code <= 0xff9f)
      bytes.push(code - 0xff61 + 0xa1); // half-width katakana
    else {
      const pair = doubleByteTable().get(char);
      if (pair === undefined) {
        // A password's characters stay out of the message, which would otherwise give part of it away.
        const which = SENSITIVE_NAME.test(parameter)
          ? 'a character'
          : `"${original}" (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at position ${position}`;
        throw new RequestEncodingError(parameter, `${which} has no Shift_JIS (CP932) code; the vendor's server cannot receive it.`);
      }
      bytes.push(pair >> 8, pair & 0xff);
    }
    position += 1;
  }
  return new Uint8Array(bytes);
}

/** A form field's name or value: its CP932 bytes, percent-encoded as application/x-www-form-urlencoded. */
export function formEncodeShiftJis(text: string, parameter: string): string {
  let out = '';
  for (const byte of encodeShiftJis(text, parameter)) {
    if (byte === 0x20) out += '+';
    else if (/[A-Za-z0-9*\-._]/.test(String.fromCharCode(byte))) out += String.fromCharCode(byte);
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
