import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { apis, isApiName, specPath, type ApiName } from './apis.js';

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
 * Starts Prism's HTTP server for one API in this process, serving the examples of the bundled spec and
 * validating every request against it (invalid requests get the spec's 4xx, or Prism's 422).
 */
export async function startMock(api: ApiName, options: MockOptions = {}): Promise<RunningMock> {
  if (!isApiName(api)) {
    throw new Error(`Unknown API "${String(api)}". Known APIs: ${Object.keys(apis).join(', ')}.`);
  }
  const { port = 0, host = '127.0.0.1', logLevel = 'silent' } = options;
  const operations = await getHttpOperationsFromSpec(specPath(api));
  const logger = createLogger(api, { level: logLevel }, process.stderr);
  const server = createServer(operations, {
    cors: true,
    config: {
      mock: { dynamic: false },
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
    },
    components: { logger },
  });
  const url = await server.listen(port, host).catch((reason: unknown) => {
    throw listenError(String(reason), port, host); // Prism rejects with the bare message of Node's error
  });
  return { api, url, close: () => server.close() };
}

function listenError(message: string, port: number, host: string): NodeJS.ErrnoException {
  const code = /\b(E[A-Z]+)\b/.exec(message)?.[1];
  const error: NodeJS.ErrnoException =
    code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is already in use.`) : new Error(message);
  if (code) error.code = code;
  return error;
}
