// The x-akinai-* declarations the runtime reads from the generated facts. Their shapes are the specs' JSON
// Schemas (@akinai/specs derives the types; the build copies them into src/generated/extensions.ts), so a
// change there is a compile error here; the facts are `as const`, so these are read-only all the way down.
import type * as Spec from '../generated/extensions.js';

type Frozen<T> = T extends readonly (infer U)[] ? readonly Frozen<U>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;

/** x-akinai-rate-limit. */
export type RateLimit = Frozen<Spec.RateLimit>;
/** x-akinai-pagination; page style with the page size the server uses when the caller gives none (`defaultLimit`). */
export type Pagination = Frozen<Spec.CursorPagination> | Frozen<Spec.PagePagination & { defaultLimit?: number }>;
/** x-akinai-csv: an @-joined CSV, its row separator, its columns, whether the first row names them. */
export type CsvFormat = Frozen<Spec.CsvFormat>;
/** A row of a command's status-code table (x-akinai-status-codes), as the client reads it (the `fields` are the mock's). */
export type StatusRow = Frozen<Omit<Spec.StatusRow, 'fields'>>;
