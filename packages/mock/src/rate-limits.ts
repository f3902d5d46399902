// On demand (`--rate-limits`, startMock's `rateLimits`), the limits the spec declares per operation
// (x-akinai-rate-limit): a client (its credential) over an operation's requests per second is refused
// with the operation's documented 429, as the vendor's server would.
import type { Route } from './state/model.js';

export function createRateLimits() {
  const recent = new Map<string, number[]>();
  return {
    /** Whether this request may pass; counts it if so. */
    allows(route: Route, client: string, now = Date.now()): boolean {
      const limit = route.requestsPerSecond;
      if (limit === undefined) return true;
      const key = `${route.operationId} ${client}`;
      const times = (recent.get(key) ?? []).filter((time) => now - time < 1_000);
      if (times.length >= limit) {
        recent.set(key, times);
        return false;
      }
      times.push(now);
      recent.set(key, times);
      return true;
    },
  };
}
