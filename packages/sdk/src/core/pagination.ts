import { PaginationError } from './errors.js';

export interface CursorPage<T> {
  items: readonly T[];
  /** The cursor of the next page; empty or absent on the last page. */
  nextCursor: string | null | undefined;
}

export interface PaginateOptions {
  /** Stop after this many items (default: no limit). */
  maxItems?: number;
}

/**
 * Yields the items of every page of a cursor-paginated listing, fetching pages one at a time as the
 * caller consumes them. Refuses a cursor the server already handed out, which would loop forever.
 */
export async function* paginateByCursor<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  { maxItems = Infinity }: PaginateOptions = {},
  firstCursor?: string,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor = firstCursor || undefined;
  let yielded = 0;
  while (yielded < maxItems) {
    const { items, nextCursor } = await fetchPage(cursor);
    for (const item of items) {
      if (yielded >= maxItems) return;
      yield item;
      yielded += 1;
    }
    if (!nextCursor) return;
    if (nextCursor === cursor || seen.has(nextCursor)) {
      throw new PaginationError(`The server repeated cursor "${nextCursor}"; stopping instead of looping.`);
    }
    seen.add(nextCursor);
    cursor = nextCursor;
  }
}
