// A list operation's filters and pages, as its x-akinai-state declares them.
import type { Filter, Paging } from './model.js';

type Record_ = Record<string, unknown>;

/** The records that pass every filter the request names (from its query, or its body for a GET with one). */
export function filtered(records: Record_[], filters: Record<string, Filter>, given: Record<string, unknown>): Record_[] {
  const tests = Object.entries(filters)
    .filter(([name]) => given[name] !== undefined && given[name] !== '')
    .map(([name, filter]) => test(filter, given[name]));
  return tests.length === 0 ? records : records.filter((record) => tests.every((passes) => passes(record)));
}

function test({ field, fields = field ? [field] : [], match, format }: Filter, value: unknown): (record: Record_) => boolean {
  const text = format === 'date-midnight' && /^\d{4}\/\d{2}\/\d{2}$/.test(String(value)) ? `${value} 00:00:00` : String(value);
  switch (match) {
    case 'any-of': {
      const wanted = new Set(text.split(',').map((part) => part.trim()));
      return (record) => fields.some((f) => wanted.has(String(record[f])));
    }
    case 'equals':
      return (record) => fields.some((f) => String(record[f]) === text);
    case 'contains':
      return (record) => fields.some((f) => record[f] != null && String(record[f]).includes(text));
    case 'from':
    case 'to': {
      const bound = format === 'jst-datetime' ? Date.parse(`${text.replace(' ', 'T')}+09:00`) / 1000 : Number(text);
      return (record) => fields.some((f) => typeof record[f] === 'number' && (match === 'from' ? record[f] >= bound : record[f] <= bound));
    }
  }
}

/** Records in the order of their keys (numbers as numbers): the order every list answers in. */
export function byKey(records: Record_[], key: string): Record_[] {
  return [...records].sort((a, b) => compareKeys(a[key], b[key]));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * One page of the records (in key order), and what the answer says about the others (headers, envelope).
 * A cursor names the key of the last record of the page before: the next page starts after it, so a walk
 * visits every record that existed when it started and was not deleted, once, whatever is written during
 * it (those written behind the cursor are not seen again).
 */
export function paged(
  records: Record_[],
  key: string,
  paging: Paging | undefined,
  given: Record<string, unknown>,
): { body: unknown; headers: Record<string, string> } | { badCursor: true } {
  if (!paging) return { body: records, headers: {} };
  const size = Number(given[paging.sizeParam ?? ''] ?? paging.size);
  let offset = (Number(given[paging.param] ?? 1) - 1) * size;
  const headers: Record<string, string> = {};
  if (paging.cursor) {
    const cursor = given[paging.cursor.param];
    if (typeof cursor === 'string' && cursor !== '') {
      const after = decodeCursor(cursor);
      if (after === undefined) return { badCursor: true };
      offset = records.findIndex((record) => compareKeys(record[key], typeof record[key] === 'number' ? Number(after) : after) > 0);
      if (offset < 0) offset = records.length;
    }
    const last = records[offset + size - 1];
    headers[paging.cursor.header] = last && offset + size < records.length ? encodeCursor(last[key]) : '';
  }
  const items = records.slice(offset, offset + size);
  const { envelope } = paging;
  if (!envelope) return { body: items, headers };
  // A page with nothing on it is the total alone where the spec says so (`whenEmpty: total-only`).
  if (items.length === 0 && envelope.whenEmpty === 'total-only') return { body: { [envelope.total]: records.length }, headers };
  return {
    body: {
      [envelope.total]: records.length,
      ...(envelope.current && { [envelope.current]: offset / size + 1 }),
      ...(envelope.last && { [envelope.last]: Math.ceil(records.length / size) }),
      [envelope.items]: items,
    },
    headers,
  };
}

// A cursor is opaque to clients: the key of the last record handed out, base64url-encoded.
const encodeCursor = (key: unknown) => Buffer.from(`k:${String(key)}`).toString('base64url');
function decodeCursor(cursor: string): string | undefined {
  const match = /^k:(.+)$/s.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1];
}
