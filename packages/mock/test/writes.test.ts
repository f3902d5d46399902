// What each write does, case by case, as the vendors' pages say (the model-based tests in
// model.test.ts walk random sequences of them; these are the cases found by hand, one test each).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../src/index.js';
import { BASIC, call, FORM, KEY } from './helpers/http.js';
import { login } from './helpers/session.js';

describe('ReCORE', () => {
  let mock: RunningMock;
  const at = (path: string) => `${mock.url}${path}`;
  beforeAll(async () => {
    mock = await startMock('recore', { validateResponses: true });
  });
  beforeEach(() => mock.reset());
  afterAll(() => mock?.close());

  it('stores only the input table’s keys: code, point, created_at, photo_url and attachments are ignored', async () => {
    const before = (await call(at('/members/219'), 'GET', KEY)).body;
    const hostile = { code: 'X', point: { total: 999_999 }, created_at: 1, photo_url: 'https://x.invalid/p.jpg', attachments: [{ id: 1 }] };
    const updated = await call(at('/members/219'), 'PUT', KEY, { ...hostile, last_name: '山田' });
    expect(updated.status).toBe(200);
    const { last_name, updated_at, ...rest } = updated.body;
    const { last_name: _, updated_at: __, ...unchanged } = before;
    expect(last_name).toBe('山田');
    expect(rest).toEqual(unchanged);
    const created = (await call(at('/members'), 'POST', KEY, hostile)).body;
    expect(created).toMatchObject({ code: `MB${String(created.id).padStart(10, '0')}`, point: null, photo_url: null, attachments: [] });
    expect(created.created_at).toBeGreaterThan(1);
    const bulk = (await call(at('/members/bulk'), 'PUT', KEY, [{ id: 219, point: { total: 5 } }])).body;
    expect(bulk[0].point.total).toBe(1074);
  });

  it('member_rank_id sets rank (null clears it); an unknown rank is refused and nothing changes', async () => {
    expect((await call(at('/members/219'), 'PUT', KEY, { member_rank_id: null })).body.rank).toBeNull();
    expect((await call(at('/members/219'), 'PUT', KEY, { member_rank_id: 2 })).body.rank).toEqual({ id: 2, name: 'ランクA' });
    const refused = await call(at('/members/219'), 'PUT', KEY, { member_rank_id: 77, last_name: '山田' });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATE_FAILED', detail: { member_rank_id: ['must exist'] } } },
    });
    expect((await call(at('/members/219'), 'GET', KEY)).body.last_name).toBeNull();
    // A bulk create with one unknown rank creates no one.
    const count = (mock.state().members ?? []).length;
    expect((await call(at('/members/bulk'), 'POST', KEY, [{ member_rank_id: 2 }, { member_rank_id: 77 }])).status).toBe(400);
    expect(mock.state().members).toHaveLength(count);
  });

  it('a note’s staff_id sets its staff; an unknown staff is refused', async () => {
    expect((await call(at('/members/219/notes'), 'POST', KEY, { staff_id: 1, note: 'a' })).body.staff).toEqual({
      id: 1,
      name: 'デフォルト スタッフ',
    });
    expect((await call(at('/members/219/notes'), 'POST', KEY, { staff_id: null, note: 'b' })).body.staff).toBeNull();
    expect((await call(at('/members/219/notes'), 'POST', KEY, { staff_id: 9, note: 'c' })).status).toBe(400);
  });

  it('points are held per type: a SUB past the PAID points is refused, though the total covers it', async () => {
    const points = (body: object) => call(at('/members/point'), 'PUT', KEY, { note: 'x', query: { ids: [219] }, ...body });
    expect((await points({ amount: 30, mode: 'ADD', type: 'PAID' })).status).toBe(204);
    const refused = await points({ amount: 60, mode: 'SUB', type: 'PAID' });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'VALIDATE_FAILED' } } });
    const { point } = (await call(at('/members/219'), 'GET', KEY)).body;
    expect(point.total).toBe(1104);
    expect(point.details).toEqual([
      expect.objectContaining({ type: 'DEFAULT', total: 1074 }),
      expect.objectContaining({ type: 'PAID', total: 30 }),
    ]);
  });

  it('a cursor walk visits every member once, though it activates each member it sees (filtering on TENTATIVE)', async () => {
    const created = (
      await call(
        at('/members/bulk'),
        'POST',
        KEY,
        Array.from({ length: 7 }, () => ({ status: 'TENTATIVE' })),
      )
    ).body;
    const seen: number[] = [];
    let cursor = '';
    do {
      const page = await call(at(`/members?statuses=TENTATIVE&limit=2&cursor=${cursor}`), 'GET', KEY);
      for (const member of page.body) {
        seen.push(member.id);
        await call(at(`/members/${member.id}`), 'PUT', KEY, { status: 'ACTIVE' });
      }
      cursor = page.headers.get('x-next-cursor') ?? '';
    } while (cursor !== '');
    expect(seen).toEqual(created.map((member: { id: number }) => member.id));
  });

  it('a write that changes nothing leaves updated_at as it was', async () => {
    const before = (await call(at('/members/219'), 'GET', KEY)).body;
    expect((await call(at('/members/219'), 'PUT', KEY, { status: before.status })).body.updated_at).toBe(before.updated_at);
  });
});

describe('Pittaly Order', () => {
  let mock: RunningMock;
  const at = (path: string) => `${mock.url}${path}`;
  const row = { customer_cd: 'C9', store_cd: 'S9', item_cd: 'I9' };
  const items = () => mock.state()['customer-store-items']!;
  beforeAll(async () => {
    mock = await startMock('pittaly-order', { validateResponses: true, maxRecords: 6 });
  });
  beforeEach(() => mock.reset());
  afterAll(() => mock?.close());

  it('the three codes name one item: a second POST of them is refused, a batch delete of them leaves none', async () => {
    expect((await call(at('/customer_store_items'), 'POST', BASIC, row)).status).toBe(201);
    expect((await call(at('/customer_store_items'), 'POST', BASIC, row)).status).toBe(400);
    const batch = await call(at('/customer_store_items/batchUpload.json'), 'POST', BASIC, {
      customer_store_items: [{ ...row, delete: 1 }],
    });
    expect(batch.body).toEqual({ totalCount: 1 });
    expect(items().filter((item) => item.customer_cd === 'C9')).toEqual([]);
  });

  it('totalCount counts the rows that added, changed or deleted something', async () => {
    const batch = await call(at('/customer_store_items/batchUpload.json'), 'POST', BASIC, {
      customer_store_items: [
        { customer_cd: 'C001', store_cd: 'S01', item_cd: '4901234567894' }, // there already
        { ...row, delete: 1 }, // nothing to delete
        { id: 987654 }, // nothing to delete
        row, // added
      ],
    });
    expect(batch.body).toEqual({ totalCount: 1 });
  });

  it('a PUT cannot rewrite created_at', async () => {
    const before = items().find((item) => item.id === 1)!;
    const updated = await call(at('/customer_store_items/1'), 'PUT', BASIC, { ...row, created_at: '1999/01/01 00:00:00' });
    expect(updated.body.created_at).toBe(before.created_at);
  });

  it('a batch refused at the record cap is applied not at all', async () => {
    // 3 seeded items, a cap of 6: a batch that deletes one and adds four would end with 6, but passes 6 on the way.
    const rows = [{ id: 1 }, ...['1', '2', '3', '4'].map((item_cd) => ({ ...row, item_cd }))];
    const refused = await call(at('/customer_store_items/batchUpload.json'), 'POST', BASIC, {
      customer_store_items: [...rows.slice(1), rows[0]],
    });
    expect(refused.status).toBe(400);
    expect(items().map((item) => item.id)).toEqual([1, 2, 3]);
  });
});

describe('D.T.P Loyal Customer', () => {
  let mock: RunningMock;
  let cookie = '';
  const TOKEN = '06239596bbad14ad67bfe26a21abf07faedbebb7193';
  const command = async (name: string, fields: Record<string, string>) =>
    (await call(`${mock.url}/${name}.aspx`, 'POST', { ...FORM, cookie }, new URLSearchParams(fields).toString())).body;
  beforeAll(async () => {
    mock = await startMock('dtp-lcv', { validateResponses: true });
  });
  beforeEach(async () => {
    mock.reset();
    cookie = await login(mock.url);
  });
  afterAll(() => mock?.close());

  it('Set_UserInfo3 keeps the names and kana it is sent, in its own answer and in Get_UserInfo3 and Get_UserInfo2', async () => {
    const names = { Name1: '髙橋', Name2: '花子', Kana1: 'タカハシ', Kana2: 'ハナコ' };
    expect((await command('Set_UserInfo3', { Tokenid: TOKEN, user_code: '1234567890123', ...names })).User).toMatchObject(names);
    expect((await command('Get_UserInfo3', { tokenid: TOKEN, uuid: '000111222eeefff' })).User).toMatchObject(names);
    expect((await command('Get_UserInfo2', { tokenid: TOKEN, uuid: '000111222eeefff' })).User).toMatchObject({
      Name: '髙橋 花子',
      Kana: 'タカハシ ハナコ',
    });
  });

  it('Set_UserInfo2’s Attribute1 replaces the attributes, named from the master', async () => {
    const attributes = JSON.stringify([
      { AttrId: '02', AttrName: 'x' },
      { AttrId: '01', AttrName: 'y' },
    ]);
    await command('Set_UserInfo2', { Tokenid: TOKEN, user_code: '1234567890123', Attribute1: attributes });
    expect((await command('Get_UserInfo2', { tokenid: TOKEN, uuid: '000111222eeefff' })).User.Attribute1).toEqual([
      { AttrId: '02', AttrName: '' },
      { AttrId: '01', AttrName: 'ブランド1' },
    ]);
  });

  it('Set_UserPoint2 settles the points Set_ProvPoint left pending for the same shop, register and receipt', async () => {
    const receipt = {
      user_code: '1234567890123',
      sales_date: '20140401',
      sales_division: '10',
      sales_shop: '100200',
      register_no: '123',
      receipt_no: '556',
    };
    const pending = async () => Number((await command('Get_ProvPoint', { user_code: '1234567890123' })).UserProvPoint[0].ProvisionalPoint);
    const before = await pending();
    await command('Set_ProvPoint', { ...receipt, provisional_point: '234', user_remarks: 'EC' });
    expect(await pending()).toBe(before + 234);
    await command('Set_UserPoint2', { ...receipt, receipt_no: '557', get_point: '234', use_point: '0' });
    expect(await pending(), 'another receipt settles nothing').toBe(before + 234);
    await command('Set_UserPoint2', { ...receipt, get_point: '234', use_point: '0' });
    expect(await pending()).toBe(before);
  });

  it('Auth refuses an empty login id or password with its -1', async () => {
    for (const body of ['login_id=&password=pass', 'login_id=api&password=']) {
      const answer = await call(`${mock.url}/Auth.aspx`, 'POST', FORM, body);
      expect(answer.body).toEqual({ StatusCode: '-1', Status: 'ID/PASSが指定されていません' });
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
  });

  it('Get_UserPoint and Get_ProvPoint without user_code or user_tel answer the table’s parameter-missing code', async () => {
    expect((await command('Get_UserPoint', {})).StatusCode).toBe('-8001');
    expect((await command('Get_ProvPoint', {})).StatusCode).toBe('-35001');
  });
});
