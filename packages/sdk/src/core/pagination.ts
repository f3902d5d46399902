// for-await iteration over the paging styles our APIs use, driven by the spec's x-akinai-pagination.
import { PaginationError } from './errors.js';
import type { Pagination } from './extensions.js';

export interface PaginateOptions {
  /** Stop after this many items (default: all of them). */
  maxItems?: number;
  /** Stop after this many pages (default: all of them). */
  maxPages?: number;
}

export interface Page<T> {
  items: readonly T[];
  response: Response;
  /** The value of `lastPageProperty`, when the spec names one. */
  lastPage?: unknown;
}

/** Fetches one page with the given paging parameters added to the caller's (query or body). */
export type FetchPage<T> = (paging: Record<string, unknown>) => Promise<Page<T>>;

export async function* paginate<T>(
  pagination: Pagination,
  fetchPage: FetchPage<T>,
  /** The caller's parameters where the paging parameters go, to start from the page or cursor given. */
  start: Record<string, unknown>,
  { maxItems = Infinity, maxPages = Infinity }: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  for (const [name, value] of Object.entries({ maxItems, maxPages })) {
    if (value !== Infinity && (!Number.isSafeInteger(value) || value < 1))
      throw new TypeError(`${name} must be a whole number ≥ 1, got ${value}.`);
  }
  let yielded = 0;
  let fetched = 0;
  for await (const items of pages(pagination, fetchPage, start)) {
    fetched += 1;
    for (const item of items) {
      if (yielded >= maxItems) return;
      yield item;
      yielded += 1;
    }
    if (yielded >= maxItems || fetched >= maxPages) return;
  }
}

function pages<T>(pagination: Pagination, fetchPage: FetchPage<T>, start: Record<string, unknown>) {
  return pagination.style === 'cursor' ? cursorPages(pagination, fetchPage, start) : numberedPages(pagination, fetchPage, start);
}

/** Follows the next-cursor header until it is empty or absent, or a page is empty; refuses a cursor it has seen. */
async function* cursorPages<T>(
  { cursorParam, nextCursorHeader }: Extract<Pagination, { style: 'cursor' }>,
  fetchPage: FetchPage<T>,
  start: Record<string, unknown>,
) {
  const seen = new Set<string>();
  let cursor = typeof start[cursorParam] === 'string' ? (start[cursorParam] as string) : undefined;
  if (cursor) seen.add(cursor);
  for (;;) {
    const { items, response } = await fetchPage({ [cursorParam]: cursor || undefined });
    // An empty page ends the listing even with a fresh cursor: a server minting cursors forever must not loop us.
    if (items.length === 0) return;
    yield items;
    const next = response.headers.get(nextCursorHeader);
    if (!next) return;
    if (seen.has(next)) throw new PaginationError('The server sent a next cursor it had sent before; stopping instead of looping.');
    seen.add(next);
    cursor = next;
  }
}

/**
 * Asks for page after page until the last one: the response's last-page number when the spec names
 * one, else a short or empty page. Refuses a page identical to the one before.
 */
async function* numberedPages<T>(
  { pageParam, pageSize, limitParam, defaultLimit, lastPageProperty }: Extract<Pagination, { style: 'page' }>,
  fetchPage: FetchPage<T>,
  start: Record<string, unknown>,
) {
  const limit = pageSize ?? (limitParam && typeof start[limitParam] === 'number' ? (start[limitParam] as number) : defaultLimit);
  let page = typeof start[pageParam] === 'number' ? (start[pageParam] as number) : 1;
  let previous: string | undefined;
  for (;;) {
    const { items, lastPage } = await fetchPage({ [pageParam]: page });
    if (items.length === 0) return;
    const fingerprint = JSON.stringify(items);
    if (fingerprint === previous) throw new PaginationError(`Page ${page} repeats page ${page - 1}; stopping instead of looping.`);
    previous = fingerprint;
    yield items;
    if (lastPageProperty) {
      if (typeof lastPage !== 'number' || page >= lastPage) return;
    } else if (limit !== undefined && items.length < limit) {
      return;
    }
    page += 1;
  }
}
