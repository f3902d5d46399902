// The values users hand the client and get back, converted to and from what D.T.P's API carries:
// form fields in Shift_JIS, JSON text and @-joined CSV in parameters, numbers the vendor may quote,
// and CSV returned in Status.
import { formEncodeShiftJis, RequestEncodingError } from './shift-jis.js';

/** An @-joined CSV (x-akinai-csv): its row separator, its columns, whether the first row names them. */
export interface CsvFormat {
  readonly rows: string;
  readonly columns: readonly string[];
  readonly header?: boolean;
}
/**
 * What to do to a success body to hand it over as its types say (see generate.mjs, wireShape): 'number'
 * where the vendor may quote a number; for an object, its properties' shapes and, under `$rename`, the
 * other names the vendor sends a property under; for an array, its items'.
 */
export type WireShape = 'number' | readonly WireShape[] | { readonly $rename?: Readonly<Record<string, string>>; readonly [key: string]: WireShape | Readonly<Record<string, string>> | undefined };

/**
 * The body of a command as the vendor reads it: every field form-encoded in Shift_JIS. Arrays become
 * @-joined CSV where the spec gives the field CSV columns, JSON text otherwise; null and undefined
 * fields are left out.
 */
export function encodeForm(body: Record<string, unknown>, csvParameters: Readonly<Record<string, CsvFormat>> = {}): string {
  return Object.entries(body)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${formEncodeShiftJis(name, name)}=${formEncodeShiftJis(fieldText(name, value, csvParameters[name]), name)}`)
    .join('&');
}

function fieldText(name: string, value: unknown, csv: CsvFormat | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && csv) return joinCsv(name, value as Record<string, unknown>[], csv);
  return JSON.stringify(value);
}

function joinCsv(name: string, rows: Record<string, unknown>[], { rows: separator, columns }: CsvFormat): string {
  return rows
    .map((row, index) =>
      columns
        .map((column) => {
          const cell = String(row[column] ?? '');
          if (cell.includes(',') || cell.includes(separator)) {
            throw new RequestEncodingError(name, `row ${index} ${column} "${cell}" contains "," or "${separator}", which the vendor's CSV cannot carry.`);
          }
          return cell;
        })
        .join(','),
    )
    .join(separator);
}

/**
 * The data as its types say: every number the vendor quoted ("4250", "-26002") a number ("null" and ""
 * null), and every property sent under another name (`AttrID`) under its own (`AttrId`).
 */
export function fromWire(value: unknown, shape: WireShape | undefined): unknown {
  if (shape === undefined || value === null || value === undefined) return value;
  if (shape === 'number') {
    if (typeof value !== 'string') return value;
    if (value === '' || value === 'null') return null;
    return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  }
  if (Array.isArray(shape)) return Array.isArray(value) ? value.map((item) => fromWire(item, shape[0])) : value;
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const { $rename = {}, ...fields } = shape as { $rename?: Record<string, string>; [key: string]: WireShape | Record<string, string> | undefined };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = $rename[key] !== undefined && !(($rename[key] as string) in value) ? $rename[key]! : key;
    out[name] = fromWire(item, fields[name] as WireShape | undefined);
  }
  return out;
}

/** Rows of a CSV the vendor returns in Status: objects keyed by the header row it sends (empty text: no rows). */
export function parseCsv(text: string, { rows: separator, columns, header }: CsvFormat): Record<string, string>[] {
  const lines = text.split(separator).filter((line) => line.length > 0);
  const names = header ? (lines.shift()?.split(',') ?? [...columns]) : [...columns];
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
  });
}
