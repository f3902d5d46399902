// `akinai-mock proxy` and `akinai-mock report`: verifying the vendor against the spec.
import { writeFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { apis, isApiName } from '../apis.js';
import { startProxy } from './proxy.js';
import { readRecords, UnreadableRecord } from './records.js';
import { markdown, report } from './report.js';
import { seedFrom } from './seed.js';

const proxyUsage = `Usage: akinai-mock proxy <api> --upstream URL [--port N] [--host ADDRESS] [--record FILE] [--keep-personal-data]

A transparent proxy between your application (or @akinai/sdk, by baseUrl) and the vendor: every request
goes to --upstream and its answer comes back unchanged, and each exchange is checked against the API's
spec. Findings are printed to stderr; with --record, every exchange is appended to FILE as a JSON line
(credentials removed, personal data masked) for "akinai-mock report".

Options:
  --upstream URL        the vendor's base URL (http: or https:), e.g. https://co-api.recore-pos.com
  --port N              port to listen on (default: the API's mock port; 0 picks a free one)
  --host ADDRESS        address to bind (default: 127.0.0.1)
  --record FILE         append every exchange to FILE
  --keep-personal-data  record personal data as sent (credentials are removed all the same)`;

const reportUsage = `Usage: akinai-mock report FILE... [--json] [--seed-out FILE]

What recorded exchanges show: calls and statuses per operation, the findings (each with its kind and the
exchanges it comes from), and every x-akinai-inferred mark of the spec with its verdict (confirmed,
refuted or unseen) and the exchanges behind it. Markdown, or JSON with --json.
Exit code: 0 without findings, 1 with findings, 2 when a file cannot be read.

Options:
  --json            print the report as JSON
  --seed-out FILE   also write the records the vendor answered with, in the shape --data reads
                    (YAML, or JSON when FILE ends in .json)`;

function fail(message: string): never {
  process.stderr.write(`akinai-mock: ${message}\nRun "akinai-mock ${process.argv[2]} --help" for the usage.\n`);
  process.exit(2);
}

function parse<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    fail((error as Error).message);
  }
}

/** Runs a sub-command; `report` exits, `proxy` serves until interrupted. */
export async function main(command: 'proxy' | 'report', args: string[]): Promise<void> {
  if (command === 'report') return runReport(args);
  const { values, positionals } = parse({
    args,
    allowPositionals: true,
    options: {
      upstream: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      record: { type: 'string' },
      'keep-personal-data': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${proxyUsage}\n`);
    process.exit(0);
  }
  const [api, ...extra] = positionals;
  if (!api) fail('name the API whose vendor to proxy.');
  if (!isApiName(api)) fail(`unknown API "${api}". Known APIs: ${Object.keys(apis).join(', ')}.`);
  if (extra.length > 0) fail(`unexpected argument "${extra[0]}".`);
  if (values.upstream === undefined) fail('--upstream URL is required: the vendor to forward to.');
  const port = values.port === undefined ? apis[api].defaultPort : Number(values.port);
  if (!/^\d+$/.test(String(values.port ?? port)) || port > 65535) fail(`--port must be an integer from 0 to 65535, got "${values.port}".`);
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  try {
    proxy = await startProxy(api, {
      upstream: values.upstream,
      port,
      host: values.host,
      ...(values.record !== undefined && { record: values.record }),
      keepPersonalData: values['keep-personal-data'] === true,
      onExchange(record) {
        if (record.findings.length === 0 && !record.error) return;
        const kinds = [...new Set(record.findings.map((finding) => `${finding.kind}${finding.at ? ` ${finding.at}` : ''}`))];
        if (record.error && kinds.length === 0) kinds.push(record.error);
        process.stderr.write(
          `${record.method} ${record.path} ${record.operationId ?? '(no operation)'} ${record.status ?? '-'}: ${kinds.slice(0, 5).join(', ')}${kinds.length > 5 ? ', …' : ''}\n`,
        );
      },
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (error instanceof TypeError) fail(message);
    process.stderr.write(
      `akinai-mock: ${code === 'EADDRINUSE' ? `port ${port} on ${values.host} is already in use; choose another with --port.` : message}\n`,
    );
    process.exit(1);
  }
  const stop = () => {
    const grace = new Promise((resolve) => setTimeout(resolve, 2_000).unref());
    void Promise.race([proxy.close(), grace]).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(
    `${api} proxy listening on ${proxy.url} → ${proxy.upstream}${values.record !== undefined ? ` (recording to ${values.record})` : ''}\n`,
  );
  await new Promise(() => {}); // until interrupted
}

function runReport(args: string[]): void {
  const { values, positionals: files } = parse({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, 'seed-out': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    process.stdout.write(`${reportUsage}\n`);
    process.exit(0);
  }
  if (files.length === 0) fail('name the record files to report on.');
  let records: ReturnType<typeof readRecords>;
  try {
    records = readRecords(files);
  } catch (error) {
    if (!(error instanceof UnreadableRecord)) throw error;
    process.stderr.write(`akinai-mock: cannot read ${error.message}\n`);
    process.exit(2);
  }
  const result = report(records);
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : markdown(result, files));
  const out = values['seed-out'];
  if (out !== undefined) {
    const recorded = [...new Set(records.map((record) => record.api))];
    if (recorded.length !== 1 || !isApiName(recorded[0]!))
      fail(`--seed-out writes the records of one API; these files hold ${recorded.join(', ') || 'none'}.`);
    const data = seedFrom(recorded[0], records);
    if (Object.keys(data).length === 0) {
      process.stderr.write(`akinai-mock: no records to seed: ${recorded[0]}'s spec declares no resource these exchanges answered with.\n`);
    }
    try {
      writeFileSync(out, /\.json$/i.test(out) ? `${JSON.stringify(data, null, 2)}\n` : stringify(data));
    } catch (error) {
      process.stderr.write(`akinai-mock: cannot write ${out}: ${(error as Error).message}\n`);
      process.exit(2);
    }
  }
  process.exit(result.findings.length > 0 ? 1 : 0);
}
