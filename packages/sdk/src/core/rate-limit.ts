// Client-side rate limiting from the spec's per-operation limits, so that a client never draws a 429
// from a server that enforces exactly the documented limits.

/** The margin added to each one-second window, for the jitter between sending and arrival. */
const WINDOW_MS = 1_000;
const MARGIN_MS = 100;

interface Bucket {
  /** Start times (ms) of the requests in the current window, oldest first. */
  starts: number[];
  /** The previous caller's turn: callers are served in arrival order. */
  tail: Promise<void>;
}

/**
 * A sliding-window limiter: per key, at most `limit` request starts in any window of one second
 * (plus a margin). Shared by all the concurrent callers of a client. It holds no timer while idle;
 * while a caller waits, its wait is an ordinary timer that its AbortSignal clears.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Resolves when a request for `key` may start; rejects with the signal's reason if aborted first. */
  acquire(key: string, limit: number, signal?: AbortSignal): Promise<void> {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { starts: [], tail: Promise.resolve() };
      this.buckets.set(key, bucket);
    }
    const current = bucket;
    const turn = current.tail.then(() => take(current, limit, signal));
    current.tail = turn.catch(() => undefined); // an aborted caller gives its turn to the next
    return turn;
  }
}

async function take(bucket: Bucket, limit: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  const window = WINDOW_MS + MARGIN_MS;
  let now = Date.now();
  while (bucket.starts.length > 0 && bucket.starts[0]! <= now - window) bucket.starts.shift();
  if (bucket.starts.length >= limit) {
    await sleep(bucket.starts[0]! + window - now, signal);
    now = Date.now();
    bucket.starts.shift();
  }
  bucket.starts.push(now);
}

/** setTimeout as a promise that an AbortSignal cancels (rejecting with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
