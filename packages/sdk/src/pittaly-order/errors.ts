// Pittaly Order's errors. The vendor's error page was not available: its body is read for the usual
// fields (`code`, `message`, `errors`), and a batch upload that fails part-way says which rows were applied.
import { AkinaiError, parseErrorBody } from '../core/errors.js';
import type { components } from '../generated/pittaly-order.js';

export const parseError = parseErrorBody;

type BatchUploadRow = components['schemas']['BatchUploadRow'];

export interface BatchUploadReport {
  /** One entry per request, in order: the rows it carried (`from` inclusive, `to` exclusive) and the count the API reported. */
  batches: { from: number; to: number; totalCount: number }[];
  /** Sum of the batches' totalCount. */
  totalCount: number;
}

/** A batch failed: the rows before it were applied, its own rows are in doubt, the rows after it were not sent. */
export class BatchUploadError extends AkinaiError {
  override name = 'BatchUploadError';
  constructor(
    /** The batches that succeeded, as in BatchUploadReport. */
    readonly batches: BatchUploadReport['batches'],
    /** Rows of the successful batches. */
    readonly applied: BatchUploadRow[],
    /** Rows of the failed batch. The vendor does not document whether a failed batch is applied in part. */
    readonly failed: BatchUploadRow[],
    /** Rows after the failed batch, never sent. */
    readonly notSent: BatchUploadRow[],
    /** The failed batch's rows: [from, to). */
    readonly failedRange: [number, number],
    options: { cause: unknown },
  ) {
    super(
      `batch ${batches.length + 1} (rows ${failedRange[0]}–${failedRange[1] - 1}) failed: ${(options.cause as Error).message}. ` +
        `${applied.length} rows before it were applied; its ${failed.length} rows may not have been; ` +
        `${notSent.length} rows after it were not sent.`,
      options,
    );
  }
}
