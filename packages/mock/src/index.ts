import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@stoplight/prism-core';
import { apis, isApiName, specPath, type ApiName } from './apis.js';
import { operationsOf } from './operations.js';
import { createMockServer } from './server.js';

export { apis, isApiName, specPath, type ApiName };

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

export interface MockOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; loopback unless told otherwise. */
  host?: string;
  /** Prism's log level, written to stderr. Quiet by default. */
  logLevel?: LogLevel;
}

export interface RunningMock {
  api: ApiName;
  /** Base URL of the mock, e.g. `http://127.0.0.1:4010`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the mock of one API in this process: Prism serving the examples of the bundled spec and
 * validating every request against it (invalid requests get the spec's 4xx, or Prism's 422), behind a
 * front door that answers hostile input with a 4xx and a JSON body (see server.ts).
 */
export async function startMock(api: ApiName, options: MockOptions = {}): Promise<RunningMock> {
  if (!isApiName(api)) {
    throw new Error(`Unknown API "${String(api)}". Known APIs: ${Object.keys(apis).join(', ')}.`);
  }
  const { port = 0, host = '127.0.0.1', logLevel = 'silent' } = options;
  const document = JSON.parse(readFileSync(specPath(api), 'utf8'));
  const operations = operationsOf(document);
  const logger = createLogger(api, { level: logLevel }, process.stderr);
  const server = createMockServer(document, operations, logger);
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
