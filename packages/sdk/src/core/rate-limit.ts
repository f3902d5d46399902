// Client-side rate limiting from the spec's per-operation limits, so that a client never draws a 429
// from a server that enforces exactly the documented limits, however slow the network.

const WINDOW_MS = 1_000;
/** For timers that fire a little early. */
const MARGIN_MS = 25;

interface Slot {
  /** When the response arrived (the latest the server can have counted the request); null while in flight. */
  done: number | null;
}

interface Waiter {
  grant(release: () => void): void;
  /** Detaches the waiter from its signal once it has its slot. */
  settle(): void;
}

interface Bucket {
  limit: number;
  slots: Slot[];
  /** Callers waiting for a slot, in arrival order. */
  queue: Waiter[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Per key, at most `limit` requests in any one-second window as the server sees them. A server counts a
 * request when it arrives, which is after it was sent and before its response came back; so a slot is
 * held from sending until one second after the response. Callers are served in arrival order; one whose
 * signal aborts leaves the line at once. No timer runs while nobody waits.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Resolves, when a request for `key` may be sent, with the function to call once its response is in. */
  acquire(key: string, limit: number, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const current = this.buckets.get(key) ?? { limit, slots: [], queue: [], timer: undefined };
    this.buckets.set(key, current);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = current.queue.indexOf(waiter);
        if (at >= 0) current.queue.splice(at, 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = { grant: resolve, settle: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      current.queue.push(waiter);
      pump(current);
    });
  }
}

/** Gives free slots to the callers at the head of the line; wakes itself when the next slot frees up. */
function pump(bucket: Bucket): void {
  clearTimeout(bucket.timer);
  bucket.timer = undefined;
  const now = Date.now();
  bucket.slots = bucket.slots.filter((slot) => slot.done === null || slot.done + WINDOW_MS + MARGIN_MS > now);
  while (bucket.queue.length > 0 && bucket.slots.length < bucket.limit) {
    const waiter = bucket.queue.shift()!;
    const slot: Slot = { done: null };
    bucket.slots.push(slot);
    waiter.settle();
    waiter.grant(() => {
      slot.done = Date.now();
      pump(bucket);
    });
  }
  if (bucket.queue.length === 0) return;
  // Full: wait for the first finished slot to leave the window (an in-flight one pumps when it finishes).
  const finished = bucket.slots.filter((slot) => slot.done !== null).map((slot) => slot.done! + WINDOW_MS + MARGIN_MS);
  if (finished.length > 0) bucket.timer = setTimeout(() => pump(bucket), Math.min(...finished) - now);
}
