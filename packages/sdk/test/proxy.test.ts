// The SDK through akinai-mock proxy, unchanged: each client pointed at the proxy (baseUrl) whose upstream
// is the stateful mock gets what it gets from the mock directly — ReCORE's writes and reads, paginate and
// its typed 404; Pittaly's GET with a body; D.T.P's Shift_JIS login, cookie session and CommandError — and
// the proxy's record holds no finding and none of the credentials the clients sent.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiName, type RunningMock, type RunningProxy, startMock, startProxy } from '@akinai/mock';
import { CommandError, createDtpLcvClient } from '@akinai/sdk/dtp-lcv';
import { createPittalyOrderClient } from '@akinai/sdk/pittaly-order';
import { createRecoreClient, NotFoundError } from '@akinai/sdk/recore';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'akinai-sdk-proxy-'));
/** The machine may be shared. */
const SLOW = 120_000;
const running: (RunningMock | RunningProxy)[] = [];
afterAll(() => Promise.all(running.map((server) => server.close())));

/** The mock of an API, and a recording proxy in front of it. */
async function behindProxy(api: ApiName) {
  const mock = await startMock(api, { validateResponses: true });
  const record = join(dir, `${api}.jsonl`);
  const proxy = await startProxy(api, { upstream: mock.url, record });
  running.push(mock, proxy);
  return { mock, proxy, record };
}

/** The record once the proxy has written it: every exchange, each without findings; the file's text. */
async function recorded({ proxy, record }: Awaited<ReturnType<typeof behindProxy>>) {
  await proxy.close();
  const text = readFileSync(record, 'utf8');
  const lines = text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  for (const line of lines) expect(line.findings, `${line.method} ${line.path}`).toEqual([]);
  return { lines, text };
}

it(
  'ReCORE: the same answers through the proxy as from the mock, and the API key is not in the record',
  async () => {
    const apiKey = 'eyJhbGciOiJIUzI1NiJ9.cHJveHk.c2VjcmV0LWtleQ';
    const session = await behindProxy('recore');
    const options = { apiKey, throwOnError: true as const, rateLimit: false, logLevel: 'off' as const };
    const direct = createRecoreClient({ ...options, baseUrl: session.mock.url });
    const proxied = createRecoreClient({ ...options, baseUrl: session.proxy.url });
    const { data: created } = await proxied.POST('/members', { body: { last_name: '髙橋', email: 'takahashi@example.jp' } });
    const { data: read } = await proxied.GET('/members/{member_id}', { params: { path: { member_id: created.id } } });
    expect(read).toEqual((await direct.GET('/members/{member_id}', { params: { path: { member_id: created.id } } })).data);
    expect(read.last_name).toBe('髙橋');
    const ids = [];
    for await (const member of proxied.paginate('/members', { params: { query: { limit: 1 } } })) ids.push(member.id);
    expect(ids).toEqual([219, created.id]);
    await expect(proxied.GET('/members/{member_id}', { params: { path: { member_id: 987654 } } })).rejects.toBeInstanceOf(NotFoundError);
    const { lines, text } = await recorded(session);
    expect(lines.map((line) => line.operationId)).toEqual(['createMember', 'getMember', 'listMembers', 'listMembers', 'getMember']);
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain('髙橋'); // personal data is masked
  },
  SLOW,
);

it(
  "Pittaly Order: the search's GET body goes through; the Basic password is not in the record",
  async () => {
    const password = 'パスワード!secret';
    const session = await behindProxy('pittaly-order');
    const pittaly = createPittalyOrderClient({
      email: 'proxy@example.jp',
      password,
      baseUrl: session.proxy.url,
      throwOnError: true,
      logLevel: 'off',
    });
    await pittaly.POST('/customer_store_items', { body: { customer_cd: 'P1', store_cd: 'S1', item_cd: 'I1' } });
    const { data } = await pittaly.GET('/customer_store_items', { body: { customer_cd: 'P1', page: 1 } });
    expect(data).toMatchObject({ totalCount: 1, customer_store_items: [{ customer_cd: 'P1', item_cd: 'I1' }] });
    const { lines, text } = await recorded(session);
    expect(lines.map((line) => [line.method, line.operationId])).toEqual([
      ['POST', 'createCustomerStoreItem'],
      ['GET', 'listCustomerStoreItems'],
    ]);
    for (const secret of [password, encodeURIComponent(password), Buffer.from(`proxy@example.jp:${password}`).toString('base64')])
      expect(text).not.toContain(secret);
  },
  SLOW,
);

it(
  'D.T.P: the Shift_JIS login and the cookie session go through; CommandError as from the mock; no credential in the record',
  async () => {
    const password = '髙橋のpass';
    const session = await behindProxy('dtp-lcv');
    const lcv = createDtpLcvClient({ loginId: 'proxyuser', password, baseUrl: session.proxy.url, logLevel: 'off' });
    const { data } = await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: '1234567890123' } });
    expect(data?.UserPoint[0]?.Point).toBe(4250);
    const { error } = await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: '9999999999999' } });
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ statusCode: -8002 });
    const { lines, text } = await recorded(session);
    expect(lines.map((line) => line.operationId)).toEqual(['Auth', 'Get_UserPoint', 'Get_UserPoint']);
    const cookies = (lines[0].answer.headers['set-cookie'] as string[]).join();
    expect(cookies).toMatch(/^ASP\.NET_SessionId=\[REDACTED\]/);
    for (const secret of ['proxyuser', password, 'k2ofpz55tzqwn1mgsxc0he55', '8F1C2B3A4D5E6F708192A3B4C5D6E7F8'])
      expect(text).not.toContain(secret);
  },
  SLOW,
);
