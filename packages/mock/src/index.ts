import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@stoplight/prism-core';
import { apis, isApiName, specPath, type ApiName } from './apis.js';
import { type Clock, createClock } from './clock.js';
import { adminTokenFor, createControls } from './controls.js';
import { type ArmedFault, createFaults, type Fault, type FaultRule, type Faults } from './faults.js';
import { createFrontDoor } from './front-door.js';
import { fetchFrom } from './in-process.js';
import { operationsOf } from './operations.js';
import { persist } from './persist.js';
import { createPipeline } from './pipeline.js';
import { createState } from './state/crud.js';
import { readModel } from './state/model.js';
import { type Data, Store } from './state/store.js';
import { vendorOf } from './vendors/index.js';

export { apis, isApiName, specPath, type ApiName, type ArmedFault, type Clock, type Data, type Fault, type FaultRule };
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
  /** Where the mock's clock starts (default: now); it runs on from there. */
  now?: Date | string | number;
  /** Faults armed from the start (see `faults.add`). */
  faults?: FaultRule[];
  /** A file the records are restored from at start and saved to within 200 ms of every change (JSON). */
  persist?: string;
  /**
   * A token every `/__akinai/` control then needs (`Authorization: Bearer <token>`). Listening on an
   * address that is not loopback without one, the mock makes one up (see `adminToken` on the result).
   */
  adminToken?: string;
}

/** A mock's own controls, in the library: the same as `/__akinai/` over HTTP. */
export interface MockControls {
  /** Restores the records the mock started with (also: POST /__akinai/reset). */
  reset(): void;
  /** A copy of every record the mock holds now, by resource (also: GET /__akinai/state). */
  state(): Data;
  /** Replaces every record with these (the shape `state()` gives; also: PUT /__akinai/state); refuses records that do not fit. */
  load(data: Data): void;
  /** The mock's clock (also: GET and POST /__akinai/clock). */
  clock: Clock;
  /** Faults on demand (also: GET, POST and DELETE /__akinai/faults). */
  faults: Pick<Faults, 'add' | 'list' | 'clear'>;
}

export interface RunningMock extends MockControls {
  api: ApiName;
  /** Base URL of the mock, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The token its controls need, if they need one. */
  adminToken: string | undefined;
  /** A fetch served by this mock in-process (same state as `url`), for clients that take one. */
  fetch: typeof fetch;
  /** Stops listening and saves the records (with `persist`). */
  close(): Promise<void>;
}

/**
 * Starts the mock of one API in this process: Prism validating every request against the bundled spec,
 * the mock's state answering as the vendor does, behind a front door that answers hostile input with a
 * 4xx and a JSON body (see front-door.ts and pipeline.ts).
 */
export async function startMock(api: ApiName, options: MockOptions = {}): Promise<RunningMock> {
  const { port = 0, host = '127.0.0.1' } = options;
  const adminToken = adminTokenFor(host, options.adminToken);
  const mock = await createMock(api, { ...options, adminToken });
  const server = createFrontDoor(mock.pipeline, (error) => mock.logger.error({ err: String(error) }, 'request failed'));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      mock.close();
      reject(
        error.code === 'EADDRINUSE'
          ? Object.assign(new Error(`Port ${port} on ${host} is already in use.`), { code: 'EADDRINUSE' })
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    ...mock.controls,
    api,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    adminToken,
    fetch: mock.fetch,
    close: () =>
      new Promise<void>((resolve, reject) => {
        mock.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/**
 * The mock of one API as a WHATWG fetch, with no port: each call goes through the same pipeline and
 * state as `startMock`'s server (validation, the vendor's errors, `Prefer`, faults, the `/__akinai/`
 * controls). Give it to a client's `fetch` option; the URL's origin is not looked at.
 */
export function createMockFetch(api: ApiName, options: Omit<MockOptions, 'port' | 'host'> = {}): typeof fetch {
  if (!isApiName(api)) throw new Error(`Unknown API "${String(api)}". Known APIs: ${Object.keys(apis).join(', ')}.`);
  const mock = createMock(api, options);
  mock.catch(() => {}); // reported by the first call
  return fetchFrom(mock.then(({ pipeline }) => pipeline));
}

/** The mock's pipeline, controls and in-process fetch, not listening anywhere. */
async function createMock(api: ApiName, options: MockOptions) {
  if (!isApiName(api)) throw new Error(`Unknown API "${String(api)}". Known APIs: ${Object.keys(apis).join(', ')}.`);
  const { logLevel = 'silent', maxRecords = 10_000 } = options;
  if (!Number.isSafeInteger(maxRecords) || maxRecords < 0) throw new TypeError(`maxRecords must be a whole number ≥ 0, got ${maxRecords}.`);
  const document = JSON.parse(readFileSync(specPath(api), 'utf8'));
  const operations = operationsOf(document);
  const logger = createLogger(api, { level: logLevel }, process.stderr);
  const clock = createClock(options.now);
  const model = readModel(document);
  const vendor = vendorOf(api, document);
  for (const resource of vendor.resources ?? []) model.resources.set(resource.name, resource);
  const store = new Store(model.resources, { maxRecords, clock, ...(options.data && { data: options.data }) });
  const state = createState(document, model, store, vendor, clock);
  const faults = createFaults(model, { sessions: vendor.session !== undefined });
  if (options.faults) faults.add(options.faults);
  const saved = options.persist === undefined ? undefined : persist(store, options.persist);
  // Loaded only when asked for: Ajv stays out of the start-up and the hot path otherwise.
  const checkReply =
    options.validateResponses === true ? (await import('./validate-responses.js')).createReplyCheck(document, logger) : undefined;
  const pipeline = createPipeline(document, operations, logger, {
    state,
    faults,
    controls: createControls({ store, clock, faults, adminToken: options.adminToken }),
    static: options.static === true,
    rateLimits: options.rateLimits === true,
    checkReply,
  });
  const controls: MockControls = {
    reset: () => store.reset(),
    state: () => store.snapshot(),
    load: (data) => store.load(data),
    clock,
    faults: { add: (rules) => faults.add(rules), list: () => faults.list(), clear: () => faults.clear() },
  };
  return { pipeline, controls, logger, fetch: fetchFrom(pipeline), close: () => saved?.close() };
}
