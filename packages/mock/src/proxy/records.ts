// The record file: one JSON line per exchange, appended as exchanges end (several proxies may append to
// the same file), read back by the report.
import { createWriteStream, readFileSync } from 'node:fs';
import type { Body } from './bodies.js';
import type { Evidence, Finding } from './check.js';

/** One exchange, as a line of the record file. */
export interface ExchangeRecord {
  time: string;
  api: string;
  method: string;
  /** The path as sent, without the query string (that is `query`, decoded). */
  path: string;
  query?: [string, string][];
  operationId?: string;
  status?: number;
  durationMs: number;
  request: { headers: Record<string, string | string[]>; body?: Body };
  answer?: { headers: Record<string, string | string[]>; body?: Body };
  findings: Finding[];
  evidence: Evidence[];
  /** Why the exchange has no complete answer. */
  error?: string;
}

/** A record read back, with the place it was read from (`file:line`), which the report names. */
export interface Recorded extends ExchangeRecord {
  id: string;
}

/** Appends records to a file, one line each, in the order they are given. */
export function recordTo(file: string) {
  const stream = createWriteStream(file, { flags: 'a' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => {});
  return {
    write: (record: ExchangeRecord) => void stream.write(`${JSON.stringify(record)}\n`),
    /** Resolves once the file is open (rejects if it cannot be written). */
    ready: Promise.race([new Promise<void>((resolve) => stream.once('open', () => resolve())), failed]),
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}

/** A file the report cannot read: which, and why. */
export class UnreadableRecord extends Error {}

/** Every record of the files, in order; an unreadable file or line is an UnreadableRecord naming it. */
export function readRecords(files: string[]): Recorded[] {
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UnreadableRecord(
        `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      );
    }
    return text.split('\n').flatMap((line, i) => {
      if (line.trim() === '') return [];
      let record: ExchangeRecord;
      try {
        record = JSON.parse(line);
      } catch {
        throw new UnreadableRecord(`${file}:${i + 1}: not a JSON line`);
      }
      if (!record || typeof record !== 'object' || typeof record.api !== 'string' || !Array.isArray(record.findings))
        throw new UnreadableRecord(`${file}:${i + 1}: not an exchange recorded by akinai-mock proxy`);
      return [{ ...record, id: `${file}:${i + 1}` }];
    });
  });
}
