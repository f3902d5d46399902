#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { apis, type Data, type FaultRule, isApiName, readData, startMock, type ApiName, type RunningMock } from './index.js';
import { main as verify } from './proxy/cli.js';

// Verifying the vendor: `akinai-mock proxy …` and `akinai-mock report …` (src/proxy/).
if (process.argv[2] === 'proxy' || process.argv[2] === 'report') await verify(process.argv[2], process.argv.slice(3));

const usage = `Usage: akinai-mock <api | all> [--port N] [--host ADDRESS] [--static] [--data FILE] [--persist FILE]
                   [--faults FILE] [--now ISO-8601] [--admin-token T] [--validate-responses] [--verbose]
       akinai-mock proxy <api> --upstream URL [--port N] [--record FILE]   (verify the vendor; --help for more)
       akinai-mock report FILE... [--json] [--seed-out FILE]

Serves a mock of an akinai API (or of all of them, from one process, each on its port): every request
validated against its spec by Prism, and answered as the vendor would — from records seeded with the
spec's examples, which writes change and reads show, refusals in the vendor's own shape.

APIs:
${Object.entries(apis)
  .map(([name, { title, defaultPort }]) => `  ${name.padEnd(16)}${title} (port ${defaultPort})`)
  .join('\n')}

Options:
  --port N        port to listen on (default: the API's port above; 0 picks a free one;
                  with "all", the first API's port, the next ones following)
  --host ADDRESS  address to bind (default: 127.0.0.1)
  --static        answer with the spec's examples only, keeping no state (stock Prism's way)
  --data FILE     start from these records instead of the examples (JSON or YAML, by resource;
                  the shape GET /__akinai/state answers); not with "all"
  --max-records N the most records a mock holds (default 10000)
  --rate-limits   refuse requests over the spec's rate limits with the vendor's 429
  --persist FILE  restore the records from FILE at start (the seed when it is absent) and save
                  them there within 200 ms of every change and at exit; not with "all"
  --faults FILE   arm these fault rules from the start (JSON: a rule or a list of rules)
  --now ISO-8601  start the mock's clock at this moment (it runs on from there)
  --admin-token T the controls below need "Authorization: Bearer T" (also AKINAI_ADMIN_TOKEN);
                  listening on an address that is not loopback without one, a token is made
                  up and printed
  --validate-responses
                  check every answer of the state against the spec before sending it; a
                  violation is logged and answered as a 500 naming it (for tests)
  --verbose       log every request and its validation to stderr
  --version       show the version
  --help          show this help

Controls (under /__akinai/, JSON):
  POST reset                restore the records the mock started with
  GET state, PUT state      every record by resource; replace them (the same shape)
  GET clock, POST clock     {"now": …}; move it: {"advanceMs": N} or {"set": "<ISO 8601>"}
  GET faults, POST faults, DELETE faults
                            list, arm, clear fault rules: {"operation": "<operationId or *>",
                            "times": N, "skip": N, "fault": F}, F one of {"status": 503},
                            {"status": 429, "retryAfter": 2}, {"latencyMs": N}, {"reset": "before"},
                            {"reset": "after"}, {"sessionLost": true}, {"failAtRow": N}
A request with a Prefer header (code=404, example=no_hits) gets that documented answer.`;

/** A mistake in the command line: what is wrong, and where the usage is. */
function fail(message: string): never {
  process.stderr.write(`akinai-mock: ${message}\nRun "akinai-mock --help" for the usage.\n`);
  process.exit(2);
}

/** Why a mock could not start, in a line; no stack trace for what the user can fix. */
function explain(error: NodeJS.ErrnoException, name: string, port: number, host: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} (${name}) is already in use; choose another with --port.`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${host}: no network interface of this machine has that address.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on "${host}": no such host name.`;
    case 'EACCES':
      return `no permission to listen on port ${port} (ports below 1024 need privileges); choose another with --port.`;
    default:
      return `${name} could not start: ${error.message}`;
  }
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        verbose: { type: 'boolean', default: false },
        static: { type: 'boolean', default: false },
        data: { type: 'string' },
        persist: { type: 'string' },
        faults: { type: 'string' },
        now: { type: 'string' },
        'admin-token': { type: 'string' },
        'max-records': { type: 'string' },
        'rate-limits': { type: 'boolean', default: false },
        'validate-responses': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
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
if (values.version) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
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
const maxRecords = values['max-records'] === undefined ? undefined : Number(values['max-records']);
if (maxRecords !== undefined && (!/^\d+$/.test(values['max-records']!) || !Number.isSafeInteger(maxRecords))) {
  fail(`--max-records must be a whole number, got "${values['max-records']}".`);
}
if (values.data !== undefined && chosen.length > 1) fail('--data names the records of one API: use it with one API, not "all".');
if (values.persist !== undefined && chosen.length > 1) fail('--persist saves the records of one API: use it with one API, not "all".');
if (values.now !== undefined && Number.isNaN(Date.parse(values.now))) fail(`--now must be an ISO 8601 date and time, got "${values.now}".`);
const adminToken = values['admin-token'] ?? process.env.AKINAI_ADMIN_TOKEN ?? undefined;
let data: Data | undefined;
let faults: FaultRule[] | undefined;
try {
  data = values.data === undefined ? undefined : readData(values.data);
  faults = values.faults === undefined ? undefined : [JSON.parse(readFileSync(values.faults, 'utf8'))].flat();
} catch (error) {
  process.stderr.write(`akinai-mock: ${values.faults && !values.data ? `${values.faults}: ` : ''}${(error as Error).message}\n`);
  process.exit(1);
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
    running.push(
      await startMock(name, {
        port: ports[i],
        host: values.host,
        logLevel: values.verbose ? 'info' : 'silent',
        static: values.static,
        rateLimits: values['rate-limits'],
        validateResponses: values['validate-responses'],
        ...(maxRecords !== undefined && { maxRecords }),
        ...(data && { data }),
        ...(faults && { faults }),
        ...(values.persist !== undefined && { persist: values.persist }),
        ...(values.now !== undefined && { now: values.now }),
        ...(adminToken !== undefined && { adminToken }),
      }),
    );
    const mock = running.at(-1)!;
    process.stdout.write(`${name} mock listening on ${mock.url}\n`);
    if (mock.adminToken !== undefined && adminToken === undefined) {
      process.stdout.write(
        `${name}: ${values.host} is not loopback, so the controls (/__akinai/) need "Authorization: Bearer ${mock.adminToken}".\n`,
      );
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(
      `akinai-mock: ${code ? explain(error as NodeJS.ErrnoException, name, ports[i]!, values.host) : (error as Error).message}\n`,
    );
    await Promise.allSettled(running.map((mock) => mock.close()));
    process.exit(1);
  }
}
