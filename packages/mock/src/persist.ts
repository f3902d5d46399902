// Saved state (--persist FILE, startMock's `persist`): the records are restored from FILE at start (the
// seed when it is absent) and written back within 200 ms of every change and at close — atomically, to a
// temporary file renamed over FILE, so that FILE always parses, even after `kill -9`. A FILE that does
// not parse or does not fit the API's resources stops the start, naming it and the first problem; it is
// not overwritten.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { DataError, type Data, type Store } from './state/store.js';

/** How long after a change the records are written (a burst of writes is written once). */
const DELAY_MS = 100;

export interface Persister {
  /** Writes what is not written yet, now. */
  flush(): void;
  /** Writes what is left and stops watching. */
  close(): void;
}

/** Restores `store` from `file` if it exists, then keeps the file up to date. Throws an Error naming the file when it cannot. */
export function persist(store: Store, file: string): Persister {
  if (existsSync(file)) {
    let data: Data;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: not a saved state (${(error as Error).message}); it was left as it is.`);
    }
    try {
      store.load(data);
    } catch (error) {
      if (error instanceof DataError) throw new Error(`${file}: ${error.message} It was left as it is.`);
      throw error;
    }
  }
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, JSON.stringify(store.snapshot()));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  };
  store.watch(() => {
    if (!closed && timer === undefined) timer = setTimeout(flush, DELAY_MS);
  });
  // The first write: a file that exists from the start (the seed, when there was none).
  flush();
  return {
    flush,
    close() {
      if (timer !== undefined) flush();
      closed = true;
    },
  };
}
