// Client-side rate limiting from the spec's per-operation limits, so that a client never draws a 429
// from a server that enforces exactly the documented limits, however slow the network.

const WINDOW_MS = 1_000;
/** For timers that fire a little early. */
const MARGIN_MS = 25;

interface Slot {
  /** When the response arrived (the latest the server can have counted the request); null while in flight. */
  done: number | null;
}

interface Bucket {
  slots: Slot[];
  /** The previous caller's turn: callers are served in arrival order. */
  tail: Promise<unknown>;
  /** Wakes the caller at the head of the line when an in-flight request finishes. */
  onRelease: (() => void) | undefined;
}

/**
 * Per key, at most `limit` requests in any one-second window as the server sees them. A server counts a
 * request when it arrives, which is after it was sent and before its response came back; so a slot is
 * held from sending until one second after the response. Shared by all the concurrent callers of a
 * client, in order. It holds no timer while idle; a waiting caller's timer is cleared by its signal.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Resolves, when a request for `key` may be sent, with the function to call once its response is in. */
  acquire(key: string, limit: number, signal?: AbortSignal): Promise<() => void> {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { slots: [], tail: Promise.resolve(), onRelease: undefined };
      this.buckets.set(key, bucket);
    }
    const current = bucket;
    const turn = current.tail.then(() => take(current, limit, signal));
    current.tail = turn.catch(() => undefined); // an aborted caller gives its turn to the next
    return turn;
  }
}

async function take(bucket: Bucket, limit: number, signal?: AbortSignal): Promise<() => void> {
  for (;;) {
    signal?.throwIfAborted();
    const now = Date.now();
    bucket.slots = bucket.slots.filter((slot) => slot.done === null || slot.done + WINDOW_MS + MARGIN_MS > now);
    if (bucket.slots.length < limit) {
      const slot: Slot = { done: null };
      bucket.slots.push(slot);
      return () => {
        slot.done = Date.now();
        bucket.onRelease?.();
      };
    }
    // Wait for the first finished slot to leave the window, or for an in-flight one to finish.
    const finished = bucket.slots.filter((slot) => slot.done !== null).map((slot) => slot.done! + WINDOW_MS + MARGIN_MS);
    const released = new Promise<void>((resolve) => (bucket.onRelease = resolve));
    await (finished.length > 0 ? Promise.race([sleep(Math.min(...finished) - now, signal), released]) : abortable(released, signal));
    bucket.onRelease = undefined;
  }
}

function abortable(promise: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
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
