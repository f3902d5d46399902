import { ApiError, type ApiErrorInit } from '../core/errors.js';

/** One row of a command's status-code table (x-akinai-status-codes): a code, or a range down to `to`. */
export interface StatusCodeEntry {
  readonly code: number;
  readonly to?: number;
  readonly status: string;
  readonly sessionLost?: boolean;
  readonly inferred?: boolean;
}

/**
 * A command answered HTTP 200 with a non-zero StatusCode: D.T.P's way of failing. `statusCode` is the
 * vendor's code, `code` the same as text, `message` carries the vendor's Status, and `meaning` what the
 * command's documented table says of the code.
 */
export class CommandError<Body = unknown> extends ApiError<Body> {
  override name = 'CommandError';
  /** The command, e.g. `Get_UserToken`. */
  readonly command: string;
  readonly statusCode: number;
  /** The documented meaning of the code in this command's table, when it has one. */
  readonly meaning: string | undefined;
  /** The session had ended (-NN098); the client logs in again and repeats the command once by itself. */
  readonly sessionLost: boolean;

  constructor(init: ApiErrorInit<Body> & { statusCode: number; statusMessage: string; table: readonly StatusCodeEntry[] | undefined }) {
    super({ ...init, code: String(init.statusCode), apiMessage: init.statusMessage });
    const entry = init.table?.find(({ code, to }) => init.statusCode === code || (to !== undefined && init.statusCode <= code && init.statusCode >= to));
    this.command = init.operation;
    this.statusCode = init.statusCode;
    this.meaning = entry?.status;
    this.sessionLost = entry?.sessionLost === true || init.statusMessage.includes('セッションの接続が切れています');
    this.message =
      `${init.operation} failed with StatusCode ${init.statusCode}: ${init.statusMessage}` +
      (this.meaning && this.meaning !== init.statusMessage ? ` (documented: ${this.meaning})` : '');
  }
}
