// The mock against stock Prism and a bare node:http server, in one run: time from start to the first
// correct answer; throughput and p99 latency under load (autocannon, 10 connections) of the same
// validated request, GET /members/219 of ReCORE, with the state on and static; a mixed workload (one
// write to three reads), also with --persist; an in-process round trip beside the loopback one; and the
// memory 10,000 writes take. Prints tables; writes bench/mock.json.
import { fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const cli = here('../dist/cli.js');
const prism = here('../node_modules/.bin/prism');
const spec = here('../specs/recore.openapi.json');
const HEADERS = { 'x-identification': 'eyJ0.e30.sig' };
const RUNS = 3;

/** Resolves once every probe answered as expected (polling every 20 ms, for at most a minute). */
async function answered(probes) {
  const started = performance.now();
  for (const probe of probes) {
    while (!(await probe().catch(() => false))) {
      if (performance.now() - started > 60_000) throw new Error('no correct answer within a minute');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

/** Starts a command and resolves with the ms until every probe answered as expected. */
async function timeToAnswer(command, args, probes) {
  const started = performance.now();
  const child = spawn(command, args, { stdio: 'ignore' });
  try {
    await answered(probes);
    return performance.now() - started;
  } finally {
    await stop(child);
  }
}

const getMember = (port) => async () => (await fetch(`http://127.0.0.1:${port}/members/219`, { headers: HEADERS })).status === 200;
const createItem = (port) => async () =>
  (
    await fetch(`http://127.0.0.1:${port}/customer_store_items`, {
      method: 'POST',
      headers: { authorization: 'Basic dTpw', 'content-type': 'application/json' },
      body: '{"customer_cd":"C","store_cd":"S","item_cd":"I"}',
    })
  ).status === 201;

const login = (port) => async () =>
  (await fetch(`http://127.0.0.1:${port}/Auth.aspx`, { method: 'POST', body: new URLSearchParams({ login_id: 'a', password: 'b' }) }))
    .status === 200;

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const startup = { 'akinai-mock all (3 APIs, 1 process)': [], 'prism mock (1 API)': [] };
for (let run = 0; run < RUNS; run += 1) {
  startup['akinai-mock all (3 APIs, 1 process)'].push(
    await timeToAnswer(process.execPath, [cli, 'all'], [getMember(4010), createItem(4011), login(4012)]),
  );
  startup['prism mock (1 API)'].push(await timeToAnswer(prism, ['mock', spec, '-p', '4910'], [getMember(4910)]));
}

/** One write (a new member) to three reads (member 219), cycled by each connection. */
const MIXED = [
  {
    method: 'POST',
    path: '/members',
    headers: { ...HEADERS, 'content-type': 'application/json' },
    body: '{"last_name":"負荷","status":"ACTIVE"}',
  },
  { method: 'GET', path: '/members/219', headers: HEADERS },
  { method: 'GET', path: '/members/219', headers: HEADERS },
  { method: 'GET', path: '/members/219', headers: HEADERS },
];

async function load(name, command, args, port, requests) {
  const child = command === 'fork' ? fork(args[0], [], { stdio: 'ignore' }) : spawn(command, args, { stdio: 'ignore' });
  try {
    await answered([getMember(port)]);
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/members/219`,
      headers: HEADERS,
      ...(requests && { requests }),
      connections: 10,
      duration: 8,
      warmup: { connections: 10, duration: 2 },
    });
    return [
      name,
      {
        requestsPerSecond: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      },
    ];
  } finally {
    await stop(child);
  }
}

const throughput = Object.fromEntries([
  await load('akinai-mock (state on)', process.execPath, [cli, 'recore', '--port', '4920'], 4920),
  await load('akinai-mock --validate-responses', process.execPath, [cli, 'recore', '--port', '4927', '--validate-responses'], 4927),
  await load('akinai-mock --static', process.execPath, [cli, 'recore', '--port', '4924', '--static'], 4924),
  await load('prism mock (default logging)', prism, ['mock', spec, '-p', '4921'], 4921),
  await load('prism mock -v silent', prism, ['mock', spec, '-p', '4922', '-v', 'silent'], 4922),
  await load('node:http (ceiling)', 'fork', [here('./ceiling.mjs')], 4923),
]);

const saved = mkdtempSync(join(tmpdir(), 'akinai-bench-'));
const mixed = Object.fromEntries([
  // Past 10,000 records the mock would refuse the writes: the cap is raised for the run.
  await load('akinai-mock (state on)', process.execPath, [cli, 'recore', '--port', '4925', '--max-records', '1000000'], 4925, MIXED),
  // The records saved within 200 ms of every write (the whole state, rewritten atomically, as it grows).
  await load(
    'akinai-mock --persist',
    process.execPath,
    [cli, 'recore', '--port', '4928', '--max-records', '1000000', '--persist', join(saved, 'state.json')],
    4928,
    MIXED,
  ),
  await load('prism mock -v silent', prism, ['mock', spec, '-p', '4926', '-v', 'silent'], 4926, MIXED),
]);
rmSync(saved, { recursive: true, force: true });

/** Calls a second from this process, 10 in flight: fetch over loopback against the mock's `fetch`, same state. */
async function callsPerSecond(send, calls = 4_000, inFlight = 10) {
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next += 1;
      const response = await send();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      await response.arrayBuffer();
    }
  };
  for (let warm = 0; warm < 200; warm += 1) await (await send()).arrayBuffer();
  next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return Math.round(calls / ((performance.now() - started) / 1000));
}
const { startMock } = await import('../dist/index.js');
const inProcessMock = await startMock('recore');
const member = `${inProcessMock.url}/members/219`;
const inProcess = {
  'fetch over loopback': await callsPerSecond(() => fetch(member, { headers: HEADERS })),
  'mock.fetch (in-process)': await callsPerSecond(() => inProcessMock.fetch(member, { headers: HEADERS })),
};
await inProcessMock.close();

/** The heap 10,000 member writes take in a mock, measured in a child with the collector at hand. */
const memory = await new Promise((resolve, reject) => {
  const child = fork(here('./memory.mjs'), [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  child.once('message', resolve);
  child.once('error', reject);
});

const silent = throughput['prism mock -v silent'].requestsPerSecond;
const results = {
  ratios: {
    stateOnVsPrismSilent: throughput['akinai-mock (state on)'].requestsPerSecond / silent,
    mixedVsPrismSilent: mixed['akinai-mock (state on)'].requestsPerSecond / mixed['prism mock -v silent'].requestsPerSecond,
    persistVsStateOn: mixed['akinai-mock --persist'].requestsPerSecond / mixed['akinai-mock (state on)'].requestsPerSecond,
    inProcessVsLoopback: inProcess['mock.fetch (in-process)'] / inProcess['fetch over loopback'],
  },
  inProcess,
  memory,
  mixed,
  startupMs: Object.fromEntries(
    Object.entries(startup).map(([name, list]) => [name, { median: Math.round(median(list)), runs: list.map(Math.round) }]),
  ),
  throughput,
};
console.log(`Mock start-up: time to the first correct answer (median of ${RUNS})\n`);
console.log('| server | ms | runs |\n| --- | ---: | --- |');
for (const [name, { median: ms, runs }] of Object.entries(results.startupMs)) console.log(`| ${name} | ${ms} | ${runs.join(', ')} |`);
const table = (rows) => {
  console.log(
    '| server | req/s | × prism -v silent | p50 ms | p99 ms | non-2xx | errors |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  const base = rows['prism mock -v silent'].requestsPerSecond;
  for (const [name, r] of Object.entries(rows)) {
    console.log(
      `| ${name} | ${r.requestsPerSecond} | ${(r.requestsPerSecond / base).toFixed(2)} | ${r.p50Ms} | ${r.p99Ms} | ${r.non2xx} | ${r.errors} |`,
    );
  }
};
console.log('\nMock under load: autocannon -c 10 -d 8, GET /members/219 (validated)\n');
table(throughput);
console.log('\nMixed workload: one POST /members to three GET /members/219, cycled (autocannon -c 10 -d 8)\n');
table(mixed);
console.log('\nIn-process: GET /members/219 from the same process, 10 in flight, 4,000 calls\n');
console.log('| client | calls/s |\n| --- | ---: |');
for (const [name, rate] of Object.entries(inProcess)) console.log(`| ${name} | ${rate} |`);
console.log(
  `\nMemory: 10,000 member writes grew the heap by ${memory.heapGrowthMiB} MiB (${memory.bytesPerRecord} B a record; RSS ${memory.rssMiB} MiB after).`,
);
const out = new URL('../../../bench/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('mock.json', out), `${JSON.stringify(results, null, 2)}\n`);
