// D.T.P's errors: HTTP is always 200, and a command fails with a non-zero StatusCode in the body. The
// command's table (x-akinai-status-codes) says what each code means.
import { ApiError, type ApiErrorInit } from '../core/errors.js';
import type { StatusRow } from '../core/extensions.js';

/** One row of a command's status-code table (x-akinai-status-codes): a code, or a range down to `to`. */
export type StatusCodeEntry = StatusRow;

/**
 * A command answered HTTP 200 with a non-zero StatusCode: D.T.P's way of failing. `statusCode` is the
 * vendor's code, `code` the same as text, `message` carries the vendor's Status, and `meaning` what the
 * command's documented table says of the code.
 */
export class CommandError<Body = unknown> extends ApiError<Body> {
  override name = 'CommandError';
  /** The command, e.g. `Get_UserToken`. */
  declare readonly command: string;
  declare readonly statusCode: number;
  /** The documented meaning of the code in this command's table, when it has one. */
  declare readonly meaning: string | undefined;
  /** The session had ended (-NN098); the client logs in again and repeats the command once by itself. */
  declare readonly sessionLost: boolean;

  constructor({
    statusCode,
    statusMessage,
    table,
    ...init
  }: ApiErrorInit<Body> & { statusCode: number; statusMessage: string; table: readonly StatusCodeEntry[] | undefined }) {
    super({ ...init, code: String(statusCode), apiMessage: statusMessage });
    const entry = table?.find(({ code, to }) => statusCode === code || (to !== undefined && statusCode <= code && statusCode >= to));
    const meaning = entry?.status;
    Object.assign(this, {
      command: init.operation,
      statusCode,
      meaning,
      sessionLost: entry?.sessionLost === true || statusMessage.includes('セッションの接続が切れています'),
    });
    this.message = `${init.operation} failed with StatusCode ${statusCode}: ${statusMessage}${meaning && meaning !== statusMessage ? ` (documented: ${meaning})` : ''}`;
  }
}

/** A StatusCode as the vendor sends it: an integer, or an integer in a string ("0", "-26002"); else undefined. */
export function statusCodeOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}
