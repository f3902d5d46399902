// The SDK against the stateful mock, as users' integration tests run it: what a client writes, it reads
// back; paginate walks real pages (ReCORE's cursor and page/limit, Pittaly's 500-row pages and its
// totalCount-only answer); a refusal arrives as the vendor sends it — ReCORE's VALIDATE_FAILED naming the
// field, D.T.P's StatusCode at HTTP 200 as a CommandError.
import { startMock, type RunningMock } from '@akinai/mock';
import { CommandError, createDtpLcvClient, type DtpLcvClient } from '@akinai/sdk/dtp-lcv';
import { createPittalyOrderClient } from '@akinai/sdk/pittaly-order';
import { createRecoreClient, NotFoundError, ValidationError } from '@akinai/sdk/recore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const mocks: RunningMock[] = [];
afterAll(() => Promise.all(mocks.map((mock) => mock.close())));
const start = async (api: Parameters<typeof startMock>[0]) => {
  const mock = await startMock(api, { validateResponses: true });
  mocks.push(mock);
  return mock;
};

describe('ReCORE', () => {
  let recore: ReturnType<typeof createRecoreClient<true>>;
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await start('recore');
    recore = createRecoreClient({ apiKey: 'key', baseUrl: mock.url, throwOnError: true, rateLimit: false, logLevel: 'off' });
  });

  it('reads back the member it created and updated; an unknown one is a 404 in the vendor shape', async () => {
    const { data: created } = await recore.POST('/members', { body: { last_name: '山田', email: 'yamada@example.jp' } });
    const { data: read } = await recore.GET('/members/{member_id}', { params: { path: { member_id: created.id } } });
    expect(read).toMatchObject({
      id: created.id,
      last_name: '山田',
      email: 'yamada@example.jp',
      code: `MB${String(created.id).padStart(10, '0')}`,
    });
    await recore.PUT('/members/{member_id}', { params: { path: { member_id: created.id } }, body: { last_name: '山本' } });
    expect((await recore.GET('/members/{member_id}', { params: { path: { member_id: created.id } } })).data.last_name).toBe('山本');
    await expect(recore.GET('/members/{member_id}', { params: { path: { member_id: 987654 } } })).rejects.toMatchObject({
      constructor: NotFoundError,
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('paginate follows X-Next-Cursor over real pages, and page/limit pages the notes', async () => {
    const { data: batch } = await recore.POST('/members/bulk', { body: Array.from({ length: 120 }, () => ({ status: 'LEAVE' as const })) });
    const ids = [];
    for await (const member of recore.paginate('/members', { params: { query: { statuses: 'LEAVE', limit: 50 } } })) ids.push(member.id);
    expect(ids).toEqual(batch.map((member) => member.id));
    for (let i = 0; i < 7; i += 1)
      await recore.POST('/members/{member_id}/notes', { params: { path: { member_id: 219 } }, body: { note: `メモ${i}` } });
    const notes = [];
    for await (const note of recore.paginate('/members/{member_id}/notes', { params: { path: { member_id: 219 }, query: { limit: 3 } } }))
      notes.push(note.note);
    expect(notes).toEqual(['会員メモ', ...Array.from({ length: 7 }, (_, i) => `メモ${i}`)]);
  });

  it('a refused request names the field that was wrong', async () => {
    const { error } = await createRecoreClient({ apiKey: 'key', baseUrl: mock.url, logLevel: 'off' }).POST('/members', {
      body: { last_name: 'x'.repeat(51) },
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATE_FAILED',
      detail: { last_name: ['is too long (maximum is 50 characters)'] },
    });
  });
});

describe('Pittaly Order', () => {
  it('paginate walks 1,203 rows in three 500-row pages; no hits is the totalCount alone', async () => {
    const mock = await start('pittaly-order');
    const pittaly = createPittalyOrderClient({
      email: 'a@example.jp',
      password: 'p',
      baseUrl: mock.url,
      throwOnError: true,
      logLevel: 'off',
    });
    const rows = Array.from({ length: 1203 }, (_, i) => ({ customer_cd: 'C9', store_cd: 'S1', item_cd: String(i) }));
    expect((await pittaly.uploadInBatches(rows)).totalCount).toBe(1203);
    const { data: first } = await pittaly.GET('/customer_store_items', { body: { customer_cd: 'C9', page: 1 } });
    expect(first).toMatchObject({ totalCount: 1203, current_page: 1, max_page: 3 });
    const items = [];
    for await (const item of pittaly.paginate('/customer_store_items', { body: { customer_cd: 'C9', page: 1 } })) items.push(item.item_cd);
    expect(items).toEqual(rows.map((row) => row.item_cd));
    expect((await pittaly.GET('/customer_store_items', { body: { customer_cd: 'NONE', page: 1 } })).data).toEqual({ totalCount: 0 });
  });
});

describe('D.T.P Loyal Customer', () => {
  let lcv: DtpLcvClient;
  beforeAll(async () => {
    const mock = await start('dtp-lcv');
    lcv = createDtpLcvClient({ loginId: 'id', password: 'pw', baseUrl: mock.url, logLevel: 'off' });
  });
  const sale = { sales_date: '20240401', sales_division: '10' as const, sales_shop: '001122', register_no: 1, receipt_no: 2 };

  it('points added with Set_UserPoint show in Get_UserPoint; an overdraw is CommandError -9004', async () => {
    await lcv.POST('/Set_UserPoint.aspx', { body: { user_code: '1234567890123', ...sale, get_point: 100, use_point: 50 } });
    const { data } = await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: '1234567890123' } });
    expect(data?.UserPoint[0]?.Point).toBe(4300);
    const { error } = await lcv.POST('/Set_UserPoint2.aspx', {
      body: { user_code: '1234567890123', ...sale, get_point: 0, use_point: 99999 },
    });
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ statusCode: -9004, meaning: 'ポイント残高が不足です' });
  });

  it("a missing parameter is the command's own code at HTTP 200, as the vendor answers", async () => {
    const { error, response } = await lcv.POST('/Set_UserPoint.aspx', { body: { user_code: '1234567890123' } as never });
    expect(response.status).toBe(200);
    expect(error).toMatchObject({ name: 'CommandError', statusCode: -9001, meaning: 'パラメータが不足しています' });
  });

  it('a withdrawn customer (Set_DelFlg) answers -8004 from then on', async () => {
    await lcv.POST('/Set_DelFlg.aspx', { body: { tokenid: '06239596bbad14ad67bfe26a21abf07faedbebb7193', user_code: '1234567890123' } });
    const { error } = await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: '1234567890123' } });
    expect(error).toMatchObject({ statusCode: -8004, meaning: '退会済み顧客です' });
  });
});
