import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@stoplight/prism-core';
import { apis, isApiName, specPath, type ApiName } from './apis.js';
import { operationsOf } from './operations.js';
import { fetchFrom } from './in-process.js';
import { createMockServer } from './server.js';
import { createState } from './state/crud.js';
import { readModel } from './state/model.js';
import { type Data, Store } from './state/store.js';
import { vendorOf } from './vendors/index.js';

export { apis, isApiName, specPath, type ApiName, type Data };
export { readData } from './data.js';
export { type ProxyOptions, type RunningProxy, startProxy } from './proxy/proxy.js';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

export interface MockOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; loopback unless told otherwise. */
  host?: string;
  /** Prism's log level, written to stderr. Quiet by default. */
  logLevel?: LogLevel;
  /** Answer with the spec's examples only, keeping no state (stock Prism's behaviour). */
  static?: boolean;
  /** The records to start from instead of the spec's examples (the shape of `state()`; see readData). */
  data?: Data;
  /** The most records the mock holds (default 10,000); past it a write is refused in the vendor's shape. */
  maxRecords?: number;
  /** Refuse requests over the spec's per-operation rate limits with the vendor's 429. */
  rateLimits?: boolean;
  /**
   * Check every answer of the mock's state against the spec before it is sent (documented status and
   * media type, body valid against the response's schema, a D.T.P StatusCode of its command's table);
   * a violation is logged and answered as a 500 naming it. For tests; off by default (no cost then).
   */
  validateResponses?: boolean;
}

export interface RunningMock {
  api: ApiName;
  /** Base URL of the mock, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Restores the records the mock started with (also: POST /__akinai/reset). */
  reset(): void;
  /** A copy of every record the mock holds now, by resource (also: GET /__akinai/state). */
  state(): Data;
  /** A fetch served by this mock in-process (same state as `url`), for clients that take one. */
  fetch: typeof fetch;
  close(): Promise<void>;
}

/**
 * Starts the mock of one API in this process: Prism serving the examples of the bundled spec and
 * validating every request against it (invalid requests get the spec's 4xx, or Prism's 422), behind a
 * front door that answers hostile input with a 4xx and a JSON body (see server.ts).
 */
export async function startMock(api: ApiName, options: MockOptions = {}): Promise<RunningMock> {
  const { port = 0, host = '127.0.0.1' } = options;
  const { server, store } = await createMock(api, options);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? Object.assign(new Error(`Port ${port} on ${host} is already in use.`), { code: 'EADDRINUSE' })
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    api,
    url: `http://${host}:${actual}`,
    reset: () => store.reset(),
    state: () => store.snapshot(),
    fetch: fetchFrom(server),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/**
 * The mock of one API as a WHATWG fetch, with no port: each call is served in this process by the same
 * front door, pipeline and state as `startMock`'s server (validation, the vendor's errors, `Prefer`, the
 * `/__akinai/` controls). Give it to a client's `fetch` option; the URL's origin is not looked at.
 */
export function createMockFetch(api: ApiName, options: Omit<MockOptions, 'port' | 'host'> = {}): typeof fetch {
  if (!isApiName(api)) throw new Error(`Unknown API "${String(api)}". Known APIs: ${Object.keys(apis).join(', ')}.`);
  const mock = createMock(api, options);
  mock.catch(() => {}); // reported by the first call
  return async (input, init) => fetchFrom((await mock).server)(input, init);
}

/** The mock's server and records, not listening. */
async function createMock(api: ApiName, options: MockOptions) {
  if (!isApiName(api)) {
    throw new Error(`Unknown API "${String(api)}". Known APIs: ${Object.keys(apis).join(', ')}.`);
  }
  const { logLevel = 'silent', maxRecords = 10_000 } = options;
  if (!Number.isSafeInteger(maxRecords) || maxRecords < 0) throw new TypeError(`maxRecords must be a whole number ≥ 0, got ${maxRecords}.`);
  const document = JSON.parse(readFileSync(specPath(api), 'utf8'));
  const operations = operationsOf(document);
  const logger = createLogger(api, { level: logLevel }, process.stderr);
  const model = readModel(document);
  const vendor = vendorOf(api, document);
  for (const resource of vendor.resources ?? []) model.resources.set(resource.name, resource);
  const store = new Store(model.resources, { maxRecords, ...(options.data && { data: options.data }) });
  const state = createState(document, model, store, vendor);
  // Loaded only when asked for: Ajv stays out of the start-up and the hot path otherwise.
  const checkReply =
    options.validateResponses === true ? (await import('./validate-responses.js')).createReplyCheck(document, logger) : undefined;
  const server = createMockServer(document, operations, logger, {
    state,
    static: options.static === true,
    rateLimits: options.rateLimits === true,
    checkReply,
  });
  return { server, store };
}
