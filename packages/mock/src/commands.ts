// Commands of a command API (D.T.P): operations whose every outcome is HTTP 200 with a code of their own
// table (x-akinai-status-codes), in the result the root declares (x-akinai-command-result). The answers
// the front door gives such a command when the request never reaches it — no session, a refused
// parameter — are rows of that table, sent as the named example the spec carries for the row
// (`code-NNNNN`, written at bundle time).
import { commandResult, resolve } from '@akinai/specs';
import type { Document, StatusRow } from '@akinai/specs/types';
import type { Violation } from './prism.js';
import type { Reply } from './vendors/types.js';
import type { Route } from './state/model.js';

export type { StatusRow };

/** The command's status table; undefined for an operation of an API that answers with HTTP statuses. */
export const statusTable = (route: Route | undefined): StatusRow[] | undefined => route?.operation['x-akinai-status-codes'];

/** Which row of a table a reply is: the session was lost, a parameter is missing or invalid, an internal error. */
const ROWS = {
  sessionLost: (row: StatusRow) => row.sessionLost === true,
  invalid: (row: StatusRow) => /パラメータが不足/.test(row.status),
  internal: (row: StatusRow) => /^内部エラー: \(エラー内容詳細\)/.test(row.status),
} as const;

/**
 * The row of a command's table for an outcome. A refused value of a field the table names in a row
 * (`fields`) is that row; a table without a "パラメータが不足しています" row refuses a parameter with its
 * internal error (the vendor's server fails on what it cannot read); the first row is the last resort.
 */
export function rowOf(route: Route, outcome: keyof typeof ROWS, violations: Violation[] = []): StatusRow {
  const table = statusTable(route) ?? [];
  const refused = new Set(violations.map((violation) => violation.location[2]));
  const named = outcome === 'invalid' ? table.find((row) => row.fields?.some((field) => refused.has(field))) : undefined;
  return named ?? table.find(ROWS[outcome]) ?? (outcome === 'invalid' ? table.find(ROWS.internal) : undefined) ?? table[0]!;
}

/**
 * The command's documented answer for an outcome, HTTP 200: the named example of its row, or for a row
 * of a range (`内部エラー: (エラー内容詳細)`, no example) its first code, the detail in `Status`.
 */
export function commandAnswer(
  document: Document,
  route: Route,
  outcome: keyof typeof ROWS,
  detail = 'パラメータが不正です',
  violations: Violation[] = [],
): Reply {
  const row = rowOf(route, outcome, violations);
  const content = resolve(document, route.operation.responses?.['200'])?.content?.['application/json'];
  const example = row.to === undefined ? resolve(document, content?.examples?.[`code${row.code}`])?.value : undefined;
  const status = ROWS.internal(row) ? `内部エラー: ${detail}` : row.status;
  const result = commandResult(document)!;
  return { status: 200, body: example ?? { [result.code]: String(row.code), [result.status]: status } };
}
