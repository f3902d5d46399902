#!/usr/bin/env node
// akinai-docs: serves the reference site of this package on loopback, as `npx akinai-docs`.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serveSite } from './server.mjs';

const usage = `Usage: akinai-docs [--port N] [--host ADDRESS]

Serves the akinai reference site (every API's Redoc page, its OpenAPI files, the changelogs).
The pages also work opened straight from disk: ${new URL('../dist/index.html', import.meta.url).href}

Options:
  --port N        port to listen on (default: 8080; 0 picks a free one)
  --host ADDRESS  address to bind (default: 127.0.0.1)
  --version       show the version
  --help          show this help`;

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`akinai-docs: ${message}\nRun "akinai-docs --help" for the usage.\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', default: false },
      version: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(/** @type {Error} */ (error).message);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (values.version) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
  process.exit(0);
}
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be an integer from 0 to 65535, got "${values.port}".`);

/** @type {Record<string, string>} */
const reasons = {
  EADDRINUSE: `port ${port} on ${values.host} is already in use; choose another with --port.`,
  EADDRNOTAVAIL: `cannot listen on ${values.host}: no network interface of this machine has that address.`,
  ENOTFOUND: `cannot listen on "${values.host}": no such host name.`,
  EACCES: `no permission to listen on port ${port} (ports below 1024 need privileges); choose another with --port.`,
};
try {
  const site = await serveSite({ port, host: values.host });
  process.stdout.write(`akinai docs: ${site.url}\n`);
  const stop = () => void site.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
  process.stderr.write(`akinai-docs: ${reasons[code ?? ''] ?? message}\n`);
  process.exit(1);
}
