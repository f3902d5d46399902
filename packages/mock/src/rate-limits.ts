// On demand (`--rate-limits`, startMock's `rateLimits`), the limits the spec declares per operation
// (x-akinai-rate-limit): a client over an operation's requests per second is refused with the
// operation's documented 429, as the vendor's server would. A client is its credential: the headers the
// spec's security schemes name (an API key's header, Authorization for HTTP schemes, Cookie for cookies).
import type { Route } from './state/model.js';
import type { Document } from '@akinai/specs/types';

export function createRateLimits(document: Document) {
  const recent = new Map<string, number[]>();
  const credentialHeaders = [
    ...new Set(
      Object.values<any>(document.components?.securitySchemes ?? {}).map((scheme) =>
        scheme.type === 'apiKey'
          ? scheme.in === 'header'
            ? String(scheme.name).toLowerCase()
            : scheme.in === 'cookie'
              ? 'cookie'
              : ''
          : 'authorization',
      ),
    ),
  ].filter(Boolean);
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
