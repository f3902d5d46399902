// A command API (D.T.P): every command answers HTTP 200, its outcome in the body — a code (success, or a
// code of the command's own table, `x-akinai-status-codes`) and that code's text — under the property
// names the root declares (`x-akinai-command-result`). Every reader takes the names and the code of
// success from here.

/** @import { CommandResult, Document, StatusRow } from './types.js' */

/**
 * The API's command result: the property of the code, the one of its text, and the code of success;
 * undefined for an API that answers with HTTP statuses. (The lint requires it beside any status table.)
 * @param {Document} document
 * @returns {CommandResult | undefined}
 */
export function commandResult(document) {
  return document['x-akinai-command-result'];
}

/**
 * Whether a code the server sent (a number, or an integer in a string) is success or a code of the
 * command's table (a row, or a range `code`…`to`).
 * @param {CommandResult} result
 * @param {Pick<StatusRow, 'code' | 'to'>[]} table
 * @param {unknown} value
 * @returns {boolean}
 */
export function knownCode(result, table, value) {
  const code = typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? Number(value) : Number.NaN;
  if (!Number.isInteger(code)) return false;
  return code === result.success || table.some((row) => inRow(row, code));
}

/**
 * Whether a code is the row's (or in its range).
 * @param {Pick<StatusRow, 'code' | 'to'>} row
 * @param {number} code
 * @returns {boolean}
 */
export function inRow(row, code) {
  return row.to === undefined ? row.code === code : code <= Math.max(row.code, row.to) && code >= Math.min(row.code, row.to);
}
