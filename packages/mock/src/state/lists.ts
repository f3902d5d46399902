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

/** One page of the records, and what the answer says about the others (headers, envelope). */
export function paged(
  records: Record_[],
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
      const decoded = decodeCursor(cursor);
      if (decoded === undefined) return { badCursor: true };
      offset = decoded;
    }
    headers[paging.cursor.header] = offset + size < records.length ? encodeCursor(offset + size) : '';
  }
  const items = records.slice(offset, offset + size);
  const { envelope } = paging;
  if (!envelope) return { body: items, headers };
  // As Pittaly does: a page with nothing on it is the total alone.
  if (items.length === 0) return { body: { [envelope.total]: records.length }, headers };
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

// A cursor is opaque to clients: the offset of the next page, base64url-encoded.
const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number | undefined {
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  return match ? Number(match[1]) : undefined;
}
