// The SDK's recovery paths proven end to end, against faults the mock produces on demand as the
// vendors' servers fail: D.T.P's lost and expired sessions, 429/503 with Retry-After, a connection
// dropped after a write was applied, a batch refused part-way, a slow server. Every request the client
// sends is counted (its `fetch` option), so "repeated once, not twice" and "never resent" are exact.
import { type FaultRule, type RunningMock, startMock } from '@akinai/mock';
import { createDtpLcvClient } from '@akinai/sdk/dtp-lcv';
import { BatchUploadError, createPittalyOrderClient } from '@akinai/sdk/pittaly-order';
import { ConnectionError, createRecoreClient, RateLimitError, ServerError, TimeoutError } from '@akinai/sdk/recore';
import { afterEach, describe, expect, it } from 'vitest';

const mocks: RunningMock[] = [];
afterEach(async () => {
  for (const mock of mocks.splice(0)) await mock.close();
});

/** The mock of an API with these faults armed, and a fetch that counts what reaches it, by path. */
async function failing(api: Parameters<typeof startMock>[0], faults: FaultRule[] = []) {
  const mock = await startMock(api, { faults, validateResponses: true });
  mocks.push(mock);
  const sent: Record<string, number> = {};
  const fetch = (url: string | URL | Request, init?: RequestInit) => {
    const { pathname } = new URL(String(url instanceof Request ? url.url : url));
    sent[pathname] = (sent[pathname] ?? 0) + 1;
    return globalThis.fetch(url, init);
  };
  return { mock, sent, fetch };
}

describe('D.T.P: the session', () => {
  const client = (baseUrl: string, fetch: typeof globalThis.fetch) =>
    createDtpLcvClient({ baseUrl, loginId: 'api', password: 'pass', fetch, logLevel: 'off' });

  it('lost mid-flow: the client logs in again and repeats the command once', async () => {
    const { mock, sent, fetch } = await failing('dtp-lcv', [{ operation: 'Get_UserPoint', skip: 1, fault: { sessionLost: true } }]);
    const lcv = client(mock.url, fetch);
    expect((await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: '1234567890123' } })).data?.StatusCode).toBe(0);
    const { data, error } = await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: '1234567890123' } });
    expect(error).toBeUndefined();
    expect(data?.UserPoint?.[0]?.Point).toBe(4250);
    expect(sent).toEqual({ '/Auth.aspx': 2, '/Get_UserPoint.aspx': 3 });
  });

  it('lost twice in a row: one repeat only, then the session-lost code as a CommandError', async () => {
    const { mock, sent, fetch } = await failing('dtp-lcv', [{ operation: 'Get_UserPoint', times: 2, fault: { sessionLost: true } }]);
    const { error } = await client(mock.url, fetch).POST('/Get_UserPoint.aspx', { body: { user_code: '1234567890123' } });
    expect(error).toMatchObject({ statusCode: -8098 });
    expect(sent).toEqual({ '/Auth.aspx': 2, '/Get_UserPoint.aspx': 2 });
  });

  it('expired after 60 minutes of mock time: logged in again, the command repeated once', async () => {
    const { mock, sent, fetch } = await failing('dtp-lcv');
    const lcv = client(mock.url, fetch);
    await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: '1234567890123' } });
    mock.clock.advance(61 * 60_000);
    const { data } = await lcv.POST('/Set_UserPoint.aspx', {
      body: {
        user_code: '1234567890123',
        sales_date: '20140401',
        sales_division: '10',
        sales_shop: '100200',
        register_no: 1,
        receipt_no: 1,
        get_point: 10,
        use_point: 0,
      },
    });
    expect(data?.StatusCode).toBe(0);
    expect(sent).toEqual({ '/Auth.aspx': 2, '/Get_UserPoint.aspx': 1, '/Set_UserPoint.aspx': 2 });
    // The repeat was of a command that never ran: the points were added once.
    expect(mock.state().customers![0]!.Point).toBe(4260);
  });
});

describe('ReCORE: retries', () => {
  const client = (baseUrl: string, fetch: typeof globalThis.fetch, options: object = {}) =>
    createRecoreClient({ apiKey: 'key', baseUrl, fetch, rateLimit: false, logLevel: 'off', ...options });

  it('honours Retry-After on a 429 and a 503 of a read, and then succeeds', async () => {
    const { mock, sent, fetch } = await failing('recore', [
      { operation: 'getMember', fault: { status: 429, retryAfter: 1 } },
      { operation: 'getMember', fault: { status: 503, retryAfter: 1 } },
    ]);
    const began = performance.now();
    const { data, error } = await client(mock.url, fetch).GET('/members/{member_id}', { params: { path: { member_id: 219 } } });
    expect(error).toBeUndefined();
    expect(data?.id).toBe(219);
    expect(performance.now() - began, 'waited Retry-After twice').toBeGreaterThanOrEqual(1_900);
    expect(sent).toEqual({ '/members/219': 3 });
  });

  it('never resends a write after a 503, or a point change (x-akinai-idempotent: false) — a 429 it may, the server did not act', async () => {
    const { mock, sent, fetch } = await failing('recore', [
      { operation: 'createMember', fault: { status: 503, retryAfter: 0 } },
      { operation: 'updateMemberPoints', fault: { status: 503, retryAfter: 0 } },
      { operation: 'updateMember', fault: { status: 429, retryAfter: 0 } },
    ]);
    const recore = client(mock.url, fetch);
    expect((await recore.POST('/members', { body: { last_name: '一回' } })).error).toBeInstanceOf(ServerError);
    const points = await recore.PUT('/members/point', { body: { amount: 1, mode: 'ADD', note: 'x', query: { ids: [219] } } });
    expect(points.error).toBeInstanceOf(ServerError);
    expect(
      (await recore.PUT('/members/{member_id}', { params: { path: { member_id: 219 } }, body: { last_name: '再送' } })).error,
    ).toBeUndefined();
    expect(sent).toEqual({ '/members': 1, '/members/point': 1, '/members/219': 2 });
    expect(mock.state().members!.filter((member) => member.last_name === '一回')).toEqual([]);
  });

  it('a connection dropped after the write was applied: a ConnectionError, the write not resent, the member there once', async () => {
    const { mock, sent, fetch } = await failing('recore', [{ operation: 'createMember', fault: { reset: 'after' } }]);
    // No answer came: the call throws (an answer would be returned as `error`).
    await expect(client(mock.url, fetch).POST('/members', { body: { last_name: '届いた' } })).rejects.toBeInstanceOf(ConnectionError);
    expect(sent).toEqual({ '/members': 1 });
    expect(mock.state().members!.filter((member) => member.last_name === '届いた')).toHaveLength(1);
  });

  it('a read whose connection dropped before it was applied is retried', async () => {
    const { mock, sent, fetch } = await failing('recore', [{ operation: 'getMember', fault: { reset: 'before' } }]);
    expect((await client(mock.url, fetch).GET('/members/{member_id}', { params: { path: { member_id: 219 } } })).data?.id).toBe(219);
    expect(sent).toEqual({ '/members/219': 2 });
  });

  it('a 429 retried until maxRetries gives up is a RateLimitError', async () => {
    const { mock, sent, fetch } = await failing('recore', [{ operation: 'getMember', times: 3, fault: { status: 429, retryAfter: 0 } }]);
    const { error } = await client(mock.url, fetch, { maxRetries: 2 }).GET('/members/{member_id}', {
      params: { path: { member_id: 219 } },
    });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(sent).toEqual({ '/members/219': 3 });
  });

  it('a slow server: a TimeoutError per attempt', async () => {
    const { mock, fetch } = await failing('recore', [{ operation: 'getMember', fault: { latencyMs: 1_500 } }]);
    const recore = client(mock.url, fetch, { timeout: 300, maxRetries: 0 });
    await expect(recore.GET('/members/{member_id}', { params: { path: { member_id: 219 } } })).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('Pittaly Order: uploadInBatches', () => {
  it('a batch refused part-way: BatchUploadError says exactly which rows were applied, failed, never sent', async () => {
    const { mock, sent, fetch } = await failing('pittaly-order', [
      { operation: 'batchUploadCustomerStoreItems', skip: 1, fault: { failAtRow: 5 } },
    ]);
    const pittaly = createPittalyOrderClient({ email: 'u@example.jp', password: 'p', baseUrl: mock.url, fetch, logLevel: 'off' });
    const rows = Array.from({ length: 250 }, (_, i) => ({ customer_cd: 'C', store_cd: 'S', item_cd: `I${i}` }));
    const failure = await pittaly.uploadInBatches(rows).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BatchUploadError);
    const { applied, failed, notSent, failedRange } = failure as BatchUploadError;
    expect(applied).toEqual(rows.slice(0, 100));
    expect(failed).toEqual(rows.slice(100, 200));
    expect(notSent).toEqual(rows.slice(200));
    expect(failedRange).toEqual([100, 200]);
    expect(sent).toEqual({ '/customer_store_items/batchUpload.json': 2 });
    // The mock applies a refused batch not at all (inferred): exactly the applied rows are stored.
    const stored = mock
      .state()
      ['customer-store-items']!.filter((item) => item.customer_cd === 'C')
      .map((item) => item.item_cd);
    expect(stored).toEqual(rows.slice(0, 100).map((row) => row.item_cd));
  });
});
