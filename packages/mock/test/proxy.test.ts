// akinai-mock proxy against real loopback servers. The mock as the upstream: every operation of every API
// through the proxy — its documented examples, every Prefer answer, a request without credentials and
// generated spec-valid requests — and the report finds nothing and gives every inferred mark of the spec a
// verdict. A pass-through that changes nothing (status, reason, headers but hop-by-hop ones, body bytes;
// a GET with a body, Shift_JIS both ways, cookies), an upstream that is down, and the CLI.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiName, apis, readData, startMock, startProxy } from '../src/index.js';
import { inferredMarks } from '../src/proxy/marks.js';
import { readRecords } from '../src/proxy/records.js';
import { report } from '../src/proxy/report.js';
import { type Credentials, exampleParts, knobs, parts, toWire } from './conformance/sampler.js';
import { readSpec } from './conformance/spec.js';
import { closeAgent, send as sendWire } from './conformance/wire.js';
import { send, startUpstream } from './proxy/upstream.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'akinai-proxy-'));
let files = 0;
const recordFile = () => {
  files += 1;
  return join(dir, `record-${files}.jsonl`);
};
afterAll(() => closeAgent());

/** Generated requests per operation, besides its examples and Prefer answers. */
const GENERATED = 4;
/** The machine may be shared: spawning the CLI and long sessions get time. */
const SLOW = 300_000;

describe('the mock as the upstream', () => {
  for (const api of Object.keys(apis) as ApiName[]) {
    it(
      `${api}: every exchange keeps the contract, the report is empty, and every inferred mark has a verdict`,
      async () => {
        const spec = readSpec(api);
        const mock = await startMock(api, { validateResponses: true });
        // Generated writes go to a static mock: the stateful one refuses, as its vendor would, valid requests
        // its records forbid (an unknown member_rank_id, a second item of the same three codes), and the
        // report rightly calls a refused valid request a finding.
        const stock = await startMock(api, { static: true });
        const file = recordFile();
        const proxy = await startProxy(api, { upstream: mock.url, record: file });
        const proxyToStock = await startProxy(api, { upstream: stock.url, record: file });
        let sent = 0;
        try {
          const credentials: Credentials = { headers: {}, cookies: {} };
          for (const scheme of Object.values<any>(spec.schemes)) {
            if (scheme.type === 'apiKey' && scheme.in === 'header')
              credentials.headers[scheme.name.toLowerCase()] = 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln';
            if (scheme.type === 'http')
              credentials.headers.authorization = `Basic ${Buffer.from('proxy@example.jp:パスワード1').toString('base64')}`;
          }
          /** A request through the proxy, to the stateful mock as it was seeded (or to the static one). */
          const through = async (request: Parameters<typeof sendWire>[1], to = proxy) => {
            sent += 1;
            if (to === proxy) await fetch(`${mock.url}/__akinai/reset`, { method: 'POST' });
            return sendWire(to.url, request);
          };
          const auth = spec.operations.find((op) => op.operationId === 'Auth');
          if (auth) {
            const login = await through(toWire(auth, exampleParts(auth, auth.body!.examples[0]!.value, { optional: false }), {}));
            for (const line of [login.headers['set-cookie'] ?? []].flat()) {
              const [pair] = line.split(';');
              credentials.cookies[pair!.slice(0, pair!.indexOf('='))] = pair!.slice(pair!.indexOf('=') + 1);
            }
          }
          for (const op of spec.operations) {
            const examples = op.body?.examples.length ? op.body.examples.map((example) => example.value) : [undefined];
            for (const body of examples) {
              for (const optional of [false, true]) await through(toWire(op, exampleParts(op, body, { optional }), { credentials }));
            }
            const base = exampleParts(op, examples[0], { optional: false });
            for (const { status, examples: named } of op.responses) {
              const code = /^\d{3}$/.test(status) ? `code=${status}` : undefined;
              for (const prefer of [
                ...(code ? [code] : []),
                ...named.map((name) => (code ? `${code}, example=${name}` : `example=${name}`)),
              ]) {
                const request = toWire(op, base, { credentials });
                request.headers.prefer = prefer;
                await through(request);
              }
            }
            if (op.secured) await through(toWire(op, base, {}));
            await fc.assert(
              fc.asyncProperty(knobs, async (k) => {
                await through(
                  toWire(op, parts(op, k), { credentials, form: k.form }),
                  op.method.toLowerCase() === 'get' ? proxy : proxyToStock,
                );
              }),
              { seed: 25, numRuns: GENERATED },
            );
          }
          // As the vendor's own examples call a command: GET, the form in the query string, names in another case.
          if (spec.document['x-akinai-request-binding']) {
            const op = spec.operations.find((candidate) => candidate.operationId !== 'Auth' && candidate.body?.examples.length)!;
            const query = Object.entries(op.body!.examples[0]!.value as Record<string, unknown>)
              .map(([name, value]) => `${name.toUpperCase()}=${encodeURIComponent(String(value))}`)
              .join('&');
            await through({
              ...toWire(op, { params: [], body: undefined, hasBody: false }, { credentials }),
              method: 'GET',
              target: `${op.path}?${query}`,
            });
            // …and as a generic client sends a form: UTF-8 without naming it (the mock warns, as the spec documents).
            await through({
              method: 'POST',
              target: '/Auth.aspx',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: Buffer.from(`login_id=${encodeURIComponent('髙橋')}&password=pw`),
            });
          }
        } finally {
          await proxy.close();
          await proxyToStock.close();
          await mock.close();
          await stock.close();
        }
        const records = readRecords([file]);
        expect(records).toHaveLength(sent);
        const result = report(records);
        expect(result.findings.map((f) => `${f.operationId} ${f.kind} ${f.at ?? ''} ${f.message} (${f.exchange})`)).toEqual([]);
        expect(result.exchanges).toBe(sent);
        expect(Object.keys(result.operations).sort()).toEqual(spec.operations.map((op) => op.operationId).sort());
        // Every mark of the spec, once, with a verdict; the mock keeps its spec, so none is refuted.
        const marks = inferredMarks(spec.document);
        expect(result.inferred.map((entry) => entry.location)).toEqual(marks.map((mark) => mark.location));
        for (const entry of result.inferred) expect(['confirmed', 'unseen']).toContain(entry.verdict);
        // The mock keeps every guess of its spec, and this session reaches each one traffic can show.
        const unconfirmed = result.inferred.filter((entry) => entry.kind !== 'document' && entry.verdict !== 'confirmed');
        expect(unconfirmed.map((entry) => entry.location)).toEqual([]);
        for (const entry of result.inferred.filter((e) => e.verdict === 'confirmed')) {
          expect(entry.exchanges.length).toBeGreaterThan(0);
          for (const id of entry.exchanges) expect(id).toMatch(new RegExp(`^${file}:\\d+$`));
        }
      },
      SLOW,
    );
  }
});

describe('the pass-through', () => {
  it('changes nothing but the hop-by-hop headers and Host: a GET with a body, Shift_JIS bytes, cookies, a reason phrase, duplicate headers', async () => {
    const sjis = iconv.encode('{"StatusCode":"0","Status":"髙橋～①"}', 'Shift_JIS');
    const upstream = await startUpstream(() => ({
      status: 299,
      statusMessage: 'Quite OK',
      headers: [
        'Content-Type',
        'application/json',
        'Set-Cookie',
        'a=1; path=/',
        'Set-Cookie',
        'b=2; HttpOnly',
        'X-Odd-Case',
        'Value',
        'Connection',
        'keep-alive, X-Hop',
        'X-Hop',
        'dropped',
        'Keep-Alive',
        'timeout=5',
      ],
      body: sjis,
    }));
    const proxy = await startProxy('pittaly-order', { upstream: `${upstream.url}/api/v2/`, record: recordFile() });
    try {
      const body = Buffer.from('{"page":1,"customer_cd":"髙"}');
      const got = await send(
        proxy.url,
        'GET',
        '/customer_store_items?x=%E9%AB%99',
        {
          'content-type': 'application/json',
          cookie: 'ASP.NET_SessionId=s; lang=0',
          'x-custom': 'kept',
          connection: 'keep-alive, x-drop',
          'x-drop': 'gone',
          'keep-alive': 'timeout=5',
        },
        body,
      );
      const [received] = upstream.received;
      expect(received!.method).toBe('GET');
      expect(received!.url).toBe('/api/v2/customer_store_items?x=%E9%AB%99');
      expect(received!.body.equals(body)).toBe(true);
      expect(received!.headers).toMatchObject({
        cookie: 'ASP.NET_SessionId=s; lang=0',
        'x-custom': 'kept',
        host: new URL(upstream.url).host,
      });
      expect(received!.headers).not.toHaveProperty('x-drop');
      expect(received!.headers).not.toHaveProperty('keep-alive');
      expect(got.status).toBe(299);
      expect(got.statusMessage).toBe('Quite OK');
      expect(got.body.equals(sjis)).toBe(true);
      expect(got.headers['set-cookie']).toEqual(['a=1; path=/', 'b=2; HttpOnly']);
      expect(got.rawHeaders).toContain('X-Odd-Case');
      expect(got.headers['content-type']).toBe('application/json');
      expect(got.headers).not.toHaveProperty('x-hop');
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it('passes compressed answers and D.T.P Shift_JIS forms as they are, checking decoded copies', async () => {
    const answer = JSON.stringify({ StatusCode: '0', Status: 'OK', Token: 't0ken' });
    const upstream = await startUpstream(() => ({
      status: 200,
      headers: ['Content-Type', 'application/json; charset=utf-8', 'Content-Encoding', 'gzip'],
      body: gzipSync(answer),
    }));
    const file = recordFile();
    const proxy = await startProxy('dtp-lcv', { upstream: upstream.url, record: file });
    try {
      const form = Buffer.from(`login_id=${percent(iconv.encode('ログイン', 'Shift_JIS'))}&password=s3cret`, 'latin1');
      const got = await send(
        proxy.url,
        'POST',
        '/Auth.aspx',
        { 'content-type': 'application/x-www-form-urlencoded', 'accept-encoding': 'gzip' },
        form,
      );
      expect(upstream.received[0]!.body.equals(form)).toBe(true);
      expect(got.headers['content-encoding']).toBe('gzip');
      expect(got.body.equals(gzipSync(answer))).toBe(true);
    } finally {
      await proxy.close();
      await upstream.close();
    }
    const [record] = readRecords([file]);
    expect(record).toMatchObject({ operationId: 'Auth', status: 200, findings: [] });
    expect(record!.request.body).toEqual({
      form: [
        ['login_id', '[REDACTED]'],
        ['password', '[REDACTED]'],
      ],
    });
    expect(record!.answer!.body).toEqual({ json: { StatusCode: '0', Status: 'OK', Token: '[REDACTED]' } });
  });

  it('answers 502 of its own when the vendor cannot be reached, and records the exchange', async () => {
    const gone = await startUpstream(() => ({ status: 200 }));
    await gone.close();
    const file = recordFile();
    const proxy = await startProxy('recore', { upstream: gone.url, record: file });
    const got = await send(proxy.url, 'GET', '/members/219', { 'x-identification': 'k' });
    await proxy.close();
    expect(got.status).toBe(502);
    expect(got.headers['x-akinai-proxy']).toBe('upstream-unreachable');
    expect(JSON.parse(got.body.toString())).toMatchObject({ error: { code: 'UPSTREAM_UNREACHABLE' } });
    const [record] = readRecords([file]);
    expect(record).toMatchObject({ operationId: 'getMember', error: expect.stringContaining('ECONNREFUSED') });
    expect(record).not.toHaveProperty('status');
    expect(record!.findings).toEqual([expect.objectContaining({ kind: 'no-answer', operationId: 'getMember' })]);
  });

  it('takes only http: and https: upstreams without credentials, and binds loopback', async () => {
    await expect(startProxy('recore', { upstream: 'ftp://example.jp' })).rejects.toThrow(/http: or https:/);
    await expect(startProxy('recore', { upstream: 'https://u:p@example.jp' })).rejects.toThrow(/must not carry credentials/);
    await expect(startProxy('recore', { upstream: 'not a url' })).rejects.toThrow(/must be a URL/);
    const proxy = await startProxy('recore', { upstream: 'https://co-api.recore-pos.invalid' });
    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await proxy.close();
  });
});

/** Runs the built CLI; resolves once it exits, or once `until` is printed (then stops it with SIGINT, after `then`). */
function run(args: string[], until?: string, then?: (stdout: string) => Promise<void>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let stdout = '';
    let stderr = '';
    let stopping = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (until && stdout.includes(until) && !stopping) {
        stopping = true;
        void (then?.(stdout) ?? Promise.resolve()).finally(() => child.kill('SIGINT'));
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('akinai-mock proxy and report', () => {
  it(
    'proxy records each exchange; report says what they show and exits 0 without findings, 1 with, 2 on a file it cannot read',
    async () => {
      const mock = await startMock('recore', { validateResponses: true });
      const file = recordFile();
      try {
        const { code, stdout } = await run(
          ['proxy', 'recore', '--upstream', mock.url, '--port', '0', '--record', file],
          'listening on',
          async (printed) => {
            const url = /listening on (http:\S+)/.exec(printed)![1]!;
            expect((await send(url, 'GET', '/members/219', { 'x-identification': 'eyJ0.e30.sig' })).status).toBe(200);
            expect((await send(url, 'GET', '/nowhere', { 'x-identification': 'eyJ0.e30.sig' })).status).toBe(404);
          },
        );
        expect(code).toBe(0);
        expect(stdout).toMatch(
          new RegExp(`recore proxy listening on http://127\\.0\\.0\\.1:\\d+ → ${mock.url}/ \\(recording to ${file}\\)`),
        );
      } finally {
        await mock.close();
      }
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(2);
      const clean = join(dir, 'clean.jsonl');
      writeFileSync(clean, `${lines[0]}\n`);
      const garbage = join(dir, 'garbage.jsonl');
      writeFileSync(garbage, 'not json\n');

      const [ok, drift, missing, unreadable] = await Promise.all([
        run(['report', clean, '--json']),
        run(['report', file]),
        run(['report', join(dir, 'missing.jsonl')]),
        run(['report', garbage]),
      ]);
      expect(ok.code).toBe(0);
      const result = JSON.parse(ok.stdout);
      expect(Object.keys(result)).toEqual(['exchanges', 'operations', 'findings', 'inferred']);
      expect(result).toMatchObject({ exchanges: 1, operations: { getMember: { calls: 1, statuses: { '200': 1 } } }, findings: [] });
      expect(result.inferred[0]).toEqual(expect.objectContaining({ location: expect.any(String), verdict: expect.any(String) }));

      expect(drift.code).toBe(1);
      expect(drift.stdout).toMatch(/^# akinai-mock report/);
      expect(drift.stdout).toContain('| undocumented-operation | GET /nowhere |');
      expect(drift.stdout).toContain('## Inferred contracts');

      expect(missing.code).toBe(2);
      expect(unreadable.code).toBe(2);
      expect(unreadable.stderr).toContain(`${garbage}:1: not a JSON line`);
    },
    SLOW,
  );

  it(
    'report --seed-out writes the records the vendor answered with, masked, in the shape --data reads',
    async () => {
      const mock = await startMock('recore');
      const file = recordFile();
      const proxy = await startProxy('recore', { upstream: mock.url, record: file });
      const key = { 'x-identification': 'eyJ0.e30.sig', 'content-type': 'application/json' };
      const created = JSON.parse(
        (
          await send(proxy.url, 'POST', '/members', key, JSON.stringify({ last_name: '髙橋', tel: '09012345678', birthdate: '1990-04-01' }))
        ).body.toString(),
      );
      await send(proxy.url, 'GET', '/members?limit=10', key);
      await send(proxy.url, 'GET', '/members/219/notes', key);
      await proxy.close();
      await mock.close();
      const seed = join(dir, 'seed.yaml');
      const { code } = await run(['report', file, '--seed-out', seed]);
      expect(code).toBe(0);
      const data = readData(seed);
      const member = data.members!.find((m) => m.id === created.id)!;
      expect(member).toMatchObject({ last_name: '＊＊', tel: '00000000000', birthdate: '2000-01-01', code: created.code });
      expect(data['member-notes']!.every((note) => note.member_id === 219)).toBe(true);
      // A mock started from it serves the records, within the contract.
      const seeded = await startMock('recore', { data, validateResponses: true });
      try {
        const read = await fetch(`${seeded.url}/members/${created.id}`, { headers: key });
        expect(read.status).toBe(200);
        expect(await read.json()).toMatchObject({ last_name: '＊＊' });
      } finally {
        await seeded.close();
      }
    },
    SLOW,
  );

  it(
    'refuses a bad command line with exit 2 and the reason',
    async () => {
      const [noUpstream, ftp, unknown, noFile, help] = await Promise.all([
        run(['proxy', 'recore']),
        run(['proxy', 'recore', '--upstream', 'ftp://example.jp']),
        run(['proxy', 'nope', '--upstream', 'https://x.invalid']),
        run(['report']),
        run(['proxy', '--help']),
      ]);
      expect(noUpstream).toMatchObject({ code: 2, stderr: expect.stringContaining('--upstream URL is required') });
      expect(ftp).toMatchObject({ code: 2, stderr: expect.stringContaining('http: or https:') });
      expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown API "nope"') });
      expect(noFile.code).toBe(2);
      expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: akinai-mock proxy <api> --upstream URL') });
    },
    SLOW,
  );
});

function percent(bytes: Buffer): string {
  return [...bytes].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
