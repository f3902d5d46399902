// On demand (`--rate-limits`, startMock's `rateLimits`), the limits the spec declares per operation
// (x-akinai-rate-limit): a client over an operation's requests per second is refused with the
// operation's documented 429, as the vendor's server would. A client is its credential: the headers the
// spec's security schemes name (an API key's header, Authorization for HTTP schemes, Cookie for cookies).
import { credentialsOf } from '@akinai/specs';
import type { Route } from './state/model.js';
import type { Document } from '@akinai/specs/types';

export function createRateLimits(document: Document) {
  const recent = new Map<string, number[]>();
  const { headers, cookies } = credentialsOf(document);
  const credentialHeaders = [...headers.map((name) => name.toLowerCase()), ...(cookies.length > 0 ? ['cookie'] : [])];
  return {
    /** Whether this request may pass; counts it if so. */
    allows(route: Route, headers: Record<string, string | string[] | undefined>, now = Date.now()): boolean {
      const limit = route.requestsPerSecond;
      if (limit === undefined) return true;
      const key = `${route.operationId} ${credentialHeaders.map((name) => String(headers[name] ?? '')).join(' ')}`;
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
