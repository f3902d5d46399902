// The mock's controls, under /__akinai/ (no vendor path starts so): the records (reset, read, replace),
// the clock and the faults. With an admin token (--admin-token, AKINAI_ADMIN_TOKEN) every control needs
// `Authorization: Bearer <token>`; the vendor's paths are never affected.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.js';
import { FaultError, type Faults } from './faults.js';
import { type Incoming, type Outgoing, rejected } from './exchange.js';
import { type Data, DataError, type Store } from './state/store.js';

/** The reserved paths of the mock's controls (no vendor path starts so). */
export const CONTROL = '/__akinai/';

export type Controls = (method: string, path: string, headers: Incoming['headers'], body: Incoming['body']) => Outgoing;

const json = (status: number, body: unknown): Outgoing => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

export function createControls({
  store,
  clock,
  faults,
  adminToken,
}: {
  store: Store;
  clock: Clock;
  faults: Faults;
  adminToken?: string | undefined;
}): Controls {
  const now = () => ({ now: new Date(clock.now()).toISOString() });
  const routes: Record<string, (body: unknown) => Outgoing> = {
    'POST reset': () => {
      store.reset();
      return { status: 204, headers: {} };
    },
    'GET state': () => json(200, store.snapshot()),
    'PUT state': (body) => {
      store.load(body as Data);
      return { status: 204, headers: {} };
    },
    'GET clock': () => json(200, now()),
    'POST clock': (body) => {
      const { advanceMs, set } = (body ?? {}) as { advanceMs?: number; set?: string };
      if ((advanceMs === undefined) === (set === undefined)) throw new RangeError('Send { "advanceMs": N } or { "set": "<ISO 8601>" }.');
      if (advanceMs !== undefined) clock.advance(advanceMs);
      else clock.set(set!);
      return json(200, now());
    },
    'GET faults': () => json(200, faults.list()),
    'POST faults': (body) => json(201, faults.add(body as never)),
    'DELETE faults': () => {
      faults.clear();
      return { status: 204, headers: {} };
    },
  };
  return (method, path, headers, body) => {
    if (adminToken !== undefined && !bearer(headers.authorization, adminToken)) {
      return {
        ...rejected({ status: 401, code: 'UNAUTHORIZED', message: 'The mock’s controls need Authorization: Bearer <its admin token>.' }),
        headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
      };
    }
    const route = routes[`${method} ${path.slice(CONTROL.length)}`];
    if (!route) {
      const known = Object.keys(routes).map((key) => key.replace(' ', ` ${CONTROL}`));
      return rejected({ status: 404, code: 'NO_SUCH_CONTROL', message: `The mock's controls are ${known.join(', ')}.` });
    }
    let parsed: unknown;
    try {
      parsed = body ? JSON.parse(body.bytes.toString('utf8')) : undefined;
    } catch {
      return rejected({ status: 400, code: 'INVALID_JSON', message: 'The body is not valid JSON.' });
    }
    try {
      return route(parsed);
    } catch (error) {
      if (error instanceof DataError || error instanceof FaultError || error instanceof RangeError) {
        return rejected({ status: 400, code: 'INVALID_CONTROL', message: error.message });
      }
      throw error;
    }
  };
}

/**
 * The token the controls need: the one given; else, listening on an address that is not this machine's
 * loopback, a new one (anyone who can reach the port could otherwise rewrite the records); else none.
 */
export function adminTokenFor(host: string, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return loopback ? undefined : randomBytes(24).toString('base64url');
}

/** Whether an Authorization header is `Bearer <token>` (compared in constant time). */
function bearer(header: string | string[] | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(String(header ?? ''))?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
