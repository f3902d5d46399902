// An answer as its types say, from what the vendor actually sends (see generate.mjs, wireShape): numbers
// it quotes (x-akinai-coerce: number) become numbers, and properties it sends under another name
// (x-akinai-alias-of) arrive under their own.

/** 'number'; for an object, its properties' shapes and, under `$rename`, alias → name; for an array, its items'. */
export type WireShape =
  | 'number'
  | readonly WireShape[]
  | {
      readonly $rename?: Readonly<Record<string, string>>;
      readonly [key: string]: WireShape | Readonly<Record<string, string>> | undefined;
    };

/** The value as its types say: "4250" → 4250 ("null" and "" → null) where a number is due; `AttrID` → `AttrId`. */
export function fromWire(value: unknown, shape: WireShape | undefined): unknown {
  if (shape === undefined || value === null || value === undefined) return value;
  if (shape === 'number') {
    if (typeof value !== 'string') return value;
    if (value === '' || value === 'null') return null;
    return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  }
  if (Array.isArray(shape)) return Array.isArray(value) ? value.map((item) => fromWire(item, shape[0])) : value;
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const { $rename = {}, ...fields } = shape as { $rename?: Record<string, string> } & Record<string, WireShape | undefined>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const renamed = $rename[key];
    const name = renamed !== undefined && !(renamed in value) ? renamed : key;
    out[name] = fromWire(item, fields[name]);
  }
  return out;
}
