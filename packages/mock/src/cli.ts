#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { apis, isApiName, startMock, type ApiName, type RunningMock } from './index.js';

const usage = `Usage: akinai-mock <api | all> [--port N] [--host ADDRESS] [--verbose]

Serves a Prism mock of an akinai API (or of all of them, from one process, each on its port): the
examples of its spec, with every request validated.

APIs:
${Object.entries(apis)
  .map(([name, { title, defaultPort }]) => `  ${name.padEnd(16)}${title} (port ${defaultPort})`)
  .join('\n')}

Options:
  --port N        port to listen on (default: the API's port above; 0 picks a free one;
                  with "all", the first API's port, the next ones following)
  --host ADDRESS  address to bind (default: 127.0.0.1)
  --verbose       log every request and its validation to stderr
  --help          show this help`;

function fail(message: string): never {
  process.stderr.write(`akinai-mock: ${message}\n\n${usage}\n`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
}
const { values, positionals } = parse();
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const [api, ...extra] = positionals;
if (!api) fail('name the API to mock.');
if (extra.length > 0) fail(`unexpected argument "${extra[0]}".`);
if (api !== 'all' && !isApiName(api)) fail(`unknown API "${api}".`);
const chosen = api === 'all' ? (Object.keys(apis) as ApiName[]) : [api];
// With "all", --port is the first API's port and the others follow it (0: each a free port).
const base = Number(values.port);
const ports = chosen.map((name, i) => (values.port === undefined ? apis[name].defaultPort : base === 0 ? 0 : base + i));
if (ports.some((port) => !Number.isInteger(port) || port < 0 || port > 65535)) {
  fail(`--port must be an integer from 0 to 65535, got "${values.port}".`);
}

const running: RunningMock[] = [];
// Listen for Ctrl-C before announcing any URL: whoever waits for that line may stop us right away.
// Exit within a second even if a client holds a connection open.
const stop = () => {
  const grace = new Promise((resolve) => setTimeout(resolve, 1_000).unref());
  void Promise.race([Promise.allSettled(running.map((mock) => mock.close())), grace]).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const [i, name] of chosen.entries()) {
  try {
    running.push(await startMock(name, { port: ports[i], host: values.host, logLevel: values.verbose ? 'info' : 'silent' }));
    process.stdout.write(`${name} mock listening on ${running.at(-1)!.url}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(`port ${ports[i]} on ${values.host} (${name}) is already in use; choose another with --port.`);
    }
    throw error;
  }
}
