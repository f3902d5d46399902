// for-await iteration over the paging styles our APIs use, driven by the spec's x-akinai-pagination.
import { PaginationError } from './errors.js';

export interface PaginateOptions {
  /** Stop after this many items (default: all of them). */
  maxItems?: number;
}

export type Pagination =
  | { style: 'cursor'; cursorParam: string; nextCursorHeader: string }
  | { style: 'page'; pageParam: string; limitParam: string; defaultLimit?: number };

export interface Page<T> {
  items: readonly T[];
  response: Response;
}

/** Fetches one page with the given query parameters added to the caller's. */
export type FetchPage<T> = (query: Record<string, unknown>) => Promise<Page<T>>;

export async function* paginate<T>(
  pagination: Pagination,
  fetchPage: FetchPage<T>,
  query: Record<string, unknown>,
  { maxItems = Infinity }: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  let yielded = 0;
  for await (const items of pages(pagination, fetchPage, query)) {
    for (const item of items) {
      if (yielded >= maxItems) return;
      yield item;
      yielded += 1;
    }
    if (yielded >= maxItems) return;
  }
}

function pages<T>(pagination: Pagination, fetchPage: FetchPage<T>, query: Record<string, unknown>) {
  return pagination.style === 'cursor' ? cursorPages(pagination, fetchPage, query) : numberedPages(pagination, fetchPage, query);
}

/** Follows the next-cursor header until it is empty or absent; refuses a cursor it has seen. */
async function* cursorPages<T>(
  { cursorParam, nextCursorHeader }: Extract<Pagination, { style: 'cursor' }>,
  fetchPage: FetchPage<T>,
  query: Record<string, unknown>,
) {
  const seen = new Set<string>();
  let cursor = typeof query[cursorParam] === 'string' ? (query[cursorParam] as string) : undefined;
  if (cursor) seen.add(cursor);
  for (;;) {
    const { items, response } = await fetchPage({ [cursorParam]: cursor || undefined });
    yield items;
    const next = response.headers.get(nextCursorHeader);
    if (!next) return;
    if (seen.has(next)) throw new PaginationError(`The server repeated cursor "${next}"; stopping instead of looping.`);
    seen.add(next);
    cursor = next;
  }
}

/** Asks for page after page until one comes back short or empty; refuses a page identical to the last. */
async function* numberedPages<T>(
  { pageParam, limitParam, defaultLimit }: Extract<Pagination, { style: 'page' }>,
  fetchPage: FetchPage<T>,
  query: Record<string, unknown>,
) {
  const limit = typeof query[limitParam] === 'number' ? (query[limitParam] as number) : defaultLimit;
  let page = typeof query[pageParam] === 'number' ? (query[pageParam] as number) : 1;
  let previous: string | undefined;
  for (;;) {
    const { items } = await fetchPage({ [pageParam]: page });
    if (items.length === 0) return;
    const fingerprint = JSON.stringify(items);
    if (fingerprint === previous) throw new PaginationError(`Page ${page} repeats page ${page - 1}; stopping instead of looping.`);
    previous = fingerprint;
    yield items;
    if (limit !== undefined && items.length < limit) return;
    page += 1;
  }
}
