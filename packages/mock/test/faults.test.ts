// Faults on demand, as a vendor's server fails: over HTTP (/__akinai/faults), in the library
// (mock.faults) and from the start (--faults FILE). Each kind is seen by a plain HTTP client.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunningMock } from '../src/index.js';
import { BASIC, call, FORM, KEY, startedPerTest } from './helpers/http.js';
import { login } from './helpers/session.js';

const start = startedPerTest();
const arm = (mock: RunningMock, rules: unknown) =>
  call(`${mock.url}/__akinai/faults`, 'POST', { 'content-type': 'application/json' }, rules);

describe('faults', () => {
  it('a 5xx in the vendor’s shape, for `times` requests, then the operation is itself again; the answer says it was a fault', async () => {
    const mock = await start('recore');
    const armed = await arm(mock, { operation: 'getMember', times: 2, fault: { status: 503 } });
    expect(armed.status).toBe(201);
    expect(armed.body).toEqual([{ operation: 'getMember', times: 2, skip: 0, fault: { status: 503 }, left: 2 }]);
    for (let i = 0; i < 2; i += 1) {
      const failed = await call(`${mock.url}/members/219`, 'GET', KEY);
      expect(failed.status).toBe(503);
      expect(failed.body).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
      expect(failed.headers.get('x-akinai-fault')).toBe('{"status":503}');
    }
    expect((await call(`${mock.url}/members/219`, 'GET', KEY)).status).toBe(200);
    expect((await call(`${mock.url}/__akinai/faults`)).body).toEqual([
      { operation: 'getMember', times: 2, skip: 0, fault: { status: 503 }, left: 0 },
    ]);
    // D.T.P shows no error page of its own: a plain one (inferred).
    const dtp = await start('dtp-lcv');
    dtp.faults.add({ operation: '*', fault: { status: 500 } });
    const page = await call(`${dtp.url}/Get_UserPoint.aspx`, 'POST', {}, 'user_code=1');
    expect(page.status).toBe(500);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('500 Internal Server Error');
  });

  it('a 429 with Retry-After: the operation’s documented 429 where it has one', async () => {
    const mock = await start('recore');
    mock.faults.add({ operation: 'listMembers', fault: { status: 429, retryAfter: 2 } });
    const limited = await call(`${mock.url}/members`, 'GET', KEY);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body.error.code).toBe('TOO_MANY_REQUESTS');
  });

  it('latency: the answer comes late, and right', async () => {
    const mock = await start('recore');
    mock.faults.add({ operation: 'getMember', fault: { latencyMs: 400 } });
    const sent = performance.now();
    const late = await call(`${mock.url}/members/219`, 'GET', KEY);
    expect(performance.now() - sent).toBeGreaterThanOrEqual(390);
    expect(late.status).toBe(200);
    expect(late.body.id).toBe(219);
  });

  it('reset before: the connection drops and nothing is applied; reset after: the write is applied, then it drops', async () => {
    const mock = await start('recore');
    const count = () => mock.state().members!.length;
    const before = count();
    mock.faults.add([
      { operation: 'createMember', fault: { reset: 'before' } },
      { operation: 'createMember', fault: { reset: 'after' } },
    ]);
    await expect(call(`${mock.url}/members`, 'POST', KEY, '{"last_name":"前"}')).rejects.toThrow(/fetch failed/);
    expect(count()).toBe(before);
    await expect(call(`${mock.url}/members`, 'POST', KEY, '{"last_name":"後"}')).rejects.toThrow(/fetch failed/);
    expect(count()).toBe(before + 1);
    expect(mock.state().members!.at(-1)!.last_name).toBe('後');
    expect((await call(`${mock.url}/members`, 'POST', KEY, '{}')).status).toBe(201);
  });

  it('a lost session: the command answers its session-lost code and the session’s cookies stop working', async () => {
    const mock = await start('dtp-lcv');
    const cookie = await login(mock.url);
    const points = async () =>
      Number((await call(`${mock.url}/Get_UserPoint.aspx`, 'POST', { ...FORM, cookie }, 'user_code=1234567890123')).body.StatusCode);
    mock.faults.add({ operation: 'Get_UserPoint', fault: { sessionLost: true } });
    expect(await points()).toBe(-8098);
    expect(await points(), 'the cookies are dead now').toBe(-8098);
    expect((await arm(mock, { operation: 'getMember', fault: { sessionLost: true } })).status).toBe(400);
  });

  it('failAtRow: a ReCORE bulk write and a Pittaly batch are refused at that row in the vendor’s shape, and no row is applied', async () => {
    const recore = await start('recore');
    const members = recore.state().members!.length;
    recore.faults.add({ operation: 'bulkCreateMembers', fault: { failAtRow: 2 } });
    const refused = await call(`${recore.url}/members/bulk`, 'POST', KEY, '[{},{},{}]');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATE_FAILED');
    expect(recore.state().members).toHaveLength(members);
    const pittaly = await start('pittaly-order');
    pittaly.faults.add({ operation: 'batchUploadCustomerStoreItems', skip: 1, fault: { failAtRow: 3 } });
    const batch = (item: string) =>
      call(`${pittaly.url}/customer_store_items/batchUpload.json`, 'POST', BASIC, {
        customer_store_items: ['1', '2', '3'].map((n) => ({ customer_cd: item, store_cd: 'S', item_cd: n })),
      });
    expect((await batch('A')).body).toEqual({ totalCount: 3 }); // skipped
    const failed = await batch('B');
    expect(failed.status).toBe(400);
    expect(failed.body.message).toMatch(/Row 3/);
    expect(pittaly.state()['customer-store-items']!.filter((item) => item.customer_cd === 'B')).toEqual([]);
    expect((await arm(pittaly, { operation: 'createCustomerStoreItem', fault: { failAtRow: 1 } })).status).toBe(400);
  });

  it('refuses a rule it cannot apply, naming what is wrong, and arms none of a list with one bad rule; DELETE clears them', async () => {
    const mock = await start('recore');
    for (const [rule, problem] of [
      [{ operation: 'nope', fault: { status: 503 } }, /no operation "nope"/],
      [{ operation: '*', fault: { status: 404 } }, /status must be 429 or a 5xx/],
      [{ operation: '*', fault: {} }, /fault must be one of/],
      [{ operation: '*', times: 0, fault: { status: 503 } }, /times must be a whole number/],
      [
        [
          { operation: '*', fault: { status: 503 } },
          { operation: '*', fault: { latencyMs: -1 } },
        ],
        /latencyMs/,
      ],
    ] as const) {
      const refused = await arm(mock, rule);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(problem);
    }
    expect(mock.faults.list()).toEqual([]);
    mock.faults.add({ operation: '*', fault: { status: 503 } });
    expect((await call(`${mock.url}/__akinai/faults`, 'DELETE')).status).toBe(204);
    expect((await call(`${mock.url}/members/219`, 'GET', KEY)).status).toBe(200);
  });

  it('the CLI arms the rules of --faults FILE at start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'akinai-faults-'));
    writeFileSync(join(dir, 'faults.json'), JSON.stringify([{ operation: 'getMember', times: 1, fault: { status: 502 } }]));
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, 'recore', '--port', '0', '--faults', join(dir, 'faults.json')]);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          const found = /listening on (\S+)/.exec(String(chunk));
          if (found) resolve(found[1]!);
        });
        child.on('exit', () => reject(new Error('the CLI exited')));
      });
      expect((await call(`${url}/members/219`, 'GET', KEY)).status).toBe(502);
      expect((await call(`${url}/members/219`, 'GET', KEY)).status).toBe(200);
    } finally {
      child.kill();
    }
  });
});
