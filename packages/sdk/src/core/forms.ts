// Form bodies (application/x-www-form-urlencoded) as an API reads them: every field percent-encoded in
// the charset its request binding names (D.T.P: Shift_JIS, CP932's bytes; else UTF-8); a field the spec
// gives CSV columns (x-akinai-csv) takes rows, joined as the vendor's CSV; any other array or object
// goes as JSON text (contentMediaType application/json).
import { RequestEncodingError } from './errors.js';
import type { CsvFormat } from './extensions.js';
import { formEncodeShiftJis } from './shift-jis.js';

/** How an API's forms are written: the charset, and the fields that take CSV rows. */
export interface FormFacts {
  readonly charset?: string;
  readonly csvParameters?: Readonly<Record<string, CsvFormat>>;
}

/** The body of a form request; null and undefined fields are left out. */
export function encodeForm(body: Record<string, unknown>, { charset, csvParameters = {} }: FormFacts): string {
  const encode = /^shift[_-]?jis$/i.test(charset ?? '') ? formEncodeShiftJis : formEncodeUtf8;
  return Object.entries(body)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${encode(name, name)}=${encode(fieldText(name, value, csvParameters[name]), name)}`)
    .join('&');
}

function formEncodeUtf8(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
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
            throw new RequestEncodingError(
              name,
              `row ${index} ${column} "${cell}" contains "," or "${separator}", which the vendor's CSV cannot carry.`,
            );
          }
          return cell;
        })
        .join(','),
    )
    .join(separator);
}

/** Rows of a CSV the vendor returns (x-akinai-csv): objects keyed by its header row, or by the columns. */
export function parseCsv(text: string, { rows: separator, columns, header }: CsvFormat): Record<string, string>[] {
  const lines = text.split(separator).filter((line) => line.length > 0);
  const names = header ? (lines.shift()?.split(',') ?? [...columns]) : [...columns];
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
  });
}
