// The mock as the vendor: state seeded from the spec's examples that writes change and reads show, ids
// that exist or are the vendor's not-found, refusals in the vendor's shape — and the controls users'
// tests need (static answers, Prefer, reset, snapshot, a data file, a cap, rate limits). Over loopback.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readData, startMock, type RunningMock } from '../src/index.js';
import { BASIC, call, FORM, KEY } from './helpers/http.js';
import { login } from './helpers/session.js';

describe('ReCORE', () => {
  let mock: RunningMock;
  const at = (path: string) => `${mock.url}${path}`;
  beforeAll(async () => {
    mock = await startMock('recore', { validateResponses: true });
  });
  afterEach(() => mock.reset());
  afterAll(() => mock?.close());

  it('starts from the spec’s example member 219, every time', async () => {
    expect((await call(at('/members/219'), 'GET', KEY)).body).toMatchObject({ id: 219, code: 'MB1ISH1TFC20' });
    expect(await call(at('/members/987654'), 'GET', KEY)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('bulk writes are all or nothing: an unknown id in PUT /members/bulk changes no one', async () => {
    const { body: created } = await call(at('/members/bulk'), 'POST', KEY, [{ last_name: '一' }, { last_name: '二' }]);
    expect(created.map((m: any) => m.last_name)).toEqual(['一', '二']);
    const refused = await call(at('/members/bulk'), 'PUT', KEY, [
      { id: created[0].id, status: 'LEAVE' },
      { id: 987654, status: 'LEAVE' },
    ]);
    expect(refused.status).toBe(404);
    expect((await call(at(`/members/${created[0].id}`), 'GET', KEY)).body.status).not.toBe('LEAVE');
    await call(at('/members/bulk'), 'PUT', KEY, [{ id: created[0].id, status: 'LEAVE' }]);
    expect((await call(at(`/members/${created[0].id}`), 'GET', KEY)).body.status).toBe('LEAVE');
  });

  it('filters as documented: ids, codes, statuses, keyword, a creation-time range', async () => {
    const { body: yamada } = await call(at('/members'), 'POST', KEY, { last_name: '山田', tel: '0311112222', status: 'TENTATIVE' });
    const ids = async (query: string) => (await call(at(`/members?${query}`), 'GET', KEY)).body.map((m: any) => m.id);
    expect(await ids(`ids=219,${yamada.id}`)).toEqual([219, yamada.id]);
    expect(await ids('codes=MB1ISH1TFC20')).toEqual([219]);
    expect(await ids('statuses=TENTATIVE')).toEqual([yamada.id]);
    expect(await ids('keyword=0311112222')).toEqual([yamada.id]);
    // 219 was created at 1708054490: 2024-02-16 12:34:50 in Japan, the time the filters speak.
    expect(await ids('created_at_to=2024-02-16 12:34:50')).toEqual([219]);
    expect(await ids('created_at_to=2024-02-16 12:34:49')).toEqual([]);
  });

  it('attachments live on their member; notes are deleted by id; points add and subtract', async () => {
    const { body: attachment } = await call(at('/members/219/attachments'), 'POST', KEY, {
      file_key: 'k1',
      tag: 'GENERAL',
      file_name: 'a.pdf',
    });
    expect((await call(at('/members/219'), 'GET', KEY)).body.attachments.map((a: any) => a.id)).toContain(attachment.id);
    expect((await call(at(`/members/219/attachments/${attachment.id}`), 'DELETE', KEY)).status).toBe(204);
    expect((await call(at(`/members/219/attachments/${attachment.id}`), 'DELETE', KEY)).status).toBe(404);
    expect((await call(at('/members/219/notes/17'), 'DELETE', KEY)).status).toBe(204);
    expect((await call(at('/members/219/notes'), 'GET', KEY)).body).toEqual([]);
    expect((await call(at('/members/987654/notes'), 'GET', KEY)).status).toBe(404);

    const before = (await call(at('/members/219'), 'GET', KEY)).body.point.total;
    const points = (mode: string, amount: number) =>
      call(at('/members/point'), 'PUT', KEY, { amount, mode, note: 'test', query: { ids: [219] } });
    expect((await points('ADD', 100)).status).toBe(204);
    expect((await call(at('/members/219'), 'GET', KEY)).body.point.total).toBe(before + 100);
    expect(await points('SUB', before + 101)).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATE_FAILED', detail: { amount: expect.any(Array) } } },
    });
  });

  it('refuses in its own shape, naming each field that failed; Prism’s findings stay in sl-violations', async () => {
    const refused = await call(at('/members'), 'POST', KEY, { last_name: 'x'.repeat(51), tel: 'abc', sex: 'X' });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        code: 'VALIDATE_FAILED',
        message: '入力値が不正です',
        detail: { last_name: ['is too long (maximum is 50 characters)'], tel: ['is invalid'], sex: expect.any(Array) },
      },
    });
    expect(JSON.parse(refused.headers.get('sl-violations')!).length).toBeGreaterThanOrEqual(3);
  });

  it('a bank account name in kanji is refused, as the vendor says (ひらがなカタカナ英数字記号のみ); in kana it is kept', async () => {
    const refused = await call(at('/members'), 'POST', KEY, { bank_account_name: '山田太郎' });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATE_FAILED', detail: { bank_account_name: ['is invalid'] } } },
    });
    const created = await call(at('/members'), 'POST', KEY, { bank_account_name: 'ﾔﾏﾀﾞ ﾀﾛｳ' });
    expect(created).toMatchObject({ status: 201, body: { bank_account_name: 'ﾔﾏﾀﾞ ﾀﾛｳ' } });
  });
});

describe('Pittaly Order', () => {
  let mock: RunningMock;
  const at = (path: string) => `${mock.url}${path}`;
  const search = async (body: unknown) => (await fetchGetBody(at('/customer_store_items'), body)).body;
  beforeAll(async () => {
    mock = await startMock('pittaly-order', { validateResponses: true });
  });
  afterAll(() => mock?.close());

  it('creates, finds by its codes, updates, deletes; an unknown id is the documented 404', async () => {
    const { body: item } = await call(at('/customer_store_items'), 'POST', BASIC, { customer_cd: 'C7', store_cd: 'S7', item_cd: 'I7' });
    expect(await search({ customer_cd: 'C7', page: 1 })).toMatchObject({ totalCount: 1, customer_store_items: [{ id: item.id }] });
    await call(at(`/customer_store_items/${item.id}`), 'PUT', BASIC, { customer_cd: 'C7', store_cd: 'S8', item_cd: 'I7' });
    expect((await search({ store_cd: 'S8', page: 1 })).customer_store_items.map((i: any) => i.id)).toEqual([item.id]);
    expect((await call(at(`/customer_store_items/${item.id}`), 'DELETE', BASIC)).status).toBe(204);
    expect(await call(at(`/customer_store_items/${item.id}`), 'DELETE', BASIC)).toMatchObject({
      status: 404,
      body: { message: expect.any(String) },
    });
    expect(await search({ customer_cd: 'C7', page: 1 })).toEqual({ totalCount: 0 });
  });

  it('a batch upserts by the three codes and deletes by flag or by id, in order', async () => {
    const batch = (rows: unknown[]) => call(at('/customer_store_items/batchUpload.json'), 'POST', BASIC, { customer_store_items: rows });
    expect(
      (
        await batch([
          { customer_cd: 'B', store_cd: 'S', item_cd: '1' },
          { customer_cd: 'B', store_cd: 'S', item_cd: '2' },
        ])
      ).body,
    ).toEqual({ totalCount: 2 });
    // The row is there already: it changes nothing, is not counted, and adds no third row.
    expect((await batch([{ customer_cd: 'B', store_cd: 'S', item_cd: '1' }])).body).toEqual({ totalCount: 0 });
    const { customer_store_items: rows } = await search({ customer_cd: 'B', page: 1 });
    expect(rows).toHaveLength(2);
    await batch([{ customer_cd: 'B', store_cd: 'S', item_cd: '1', delete: 1 }, { id: rows[1].id }]);
    expect(await search({ customer_cd: 'B', page: 1 })).toEqual({ totalCount: 0 });
  });

  it('filters dates as the vendor does: a date alone means 00:00:00 of that day', async () => {
    expect((await search({ created_at: '2024/01/01 09:00:00', page: 1 })).totalCount).toBeGreaterThan(0);
    expect(await search({ created_at: '2024/01/01', page: 1 })).toEqual({ totalCount: 0 });
  });
});

describe('D.T.P Loyal Customer', () => {
  let mock: RunningMock;
  let cookie = '';
  const command = async (name: string, fields: Record<string, string>) =>
    (await call(`${mock.url}/${name}.aspx`, 'POST', { ...FORM, cookie }, new URLSearchParams(fields).toString())).body;
  beforeAll(async () => {
    mock = await startMock('dtp-lcv', { validateResponses: true });
    cookie = await login(mock.url);
  });
  afterAll(() => mock?.close());

  it('logs in with the manual’s example login, and with the password it was changed to', async () => {
    const login = (password: string) => command('Get_UserToken', { user_loginid: 'okamoto@example.jp', user_pasword: password });
    const { TokenID } = await login('secret01');
    expect(TokenID).toMatch(/^[0-9a-f]{43}$/);
    expect(await login('wrong')).toEqual({ StatusCode: '-26003', Status: 'パスワードが間違っています' });
    await command('Set_Password', { tokenid: TokenID, user_pasword: 'secret01', user_new_pasword: 'secret02', user_code: '1234567890123' });
    expect((await login('secret02')).StatusCode).toBe('0');
    expect((await login('secret01')).StatusCode).toBe('-26003');
  });

  it('a new login (Set_LoginInfo) logs in; the same login id twice is -27002', async () => {
    const fields = { user_loginid: 'newuser01', user_pasword: 'pass01', uuid: 'device-1' };
    const { Code, TokenID } = await command('Set_LoginInfo', fields);
    expect(Code).toMatch(/^\d+$/);
    expect((await command('Get_UserInfo', { tokenid: TokenID, uuid: 'device-1' })).User.Code).toBe(Code);
    expect((await command('Set_LoginInfo', fields)).StatusCode).toBe('-27002');
  });

  it('a profile change (Set_UserInfo2) shows in Get_UserInfo', async () => {
    const token = '06239596bbad14ad67bfe26a21abf07faedbebb7193';
    await command('Set_UserInfo2', { Tokenid: token, user_code: '1234567890123', tel1: '09099998888' });
    expect((await command('Get_UserInfo', { tokenid: token, uuid: '000111222eeefff' })).User.Tel1).toBe('09099998888');
  });
});

describe('controls', () => {
  const mocks: RunningMock[] = [];
  const start = async (api: Parameters<typeof startMock>[0], options: Parameters<typeof startMock>[1] = {}) => {
    const mock = await startMock(api, { validateResponses: true, ...options });
    mocks.push(mock);
    return mock;
  };
  afterAll(() => Promise.all(mocks.map((mock) => mock.close())));

  it('static: the spec’s example whatever is asked, as stock Prism; Prefer: a documented answer on demand', async () => {
    const staticMock = await start('recore', { static: true });
    expect((await call(`${staticMock.url}/members/987654`, 'GET', KEY)).body.id).toBe(219);
    const mock = await start('recore');
    expect((await call(`${mock.url}/members/219`, 'GET', { ...KEY, prefer: 'code=404' })).status).toBe(404);
    expect((await call(`${mock.url}/members`, 'GET', { ...KEY, prefer: 'code=429' })).status).toBe(429);
  });

  it('reset() and POST /__akinai/reset restore the seed; state() and GET /__akinai/state show the records', async () => {
    const mock = await start('recore');
    await call(`${mock.url}/members`, 'POST', KEY, { last_name: '追加' });
    expect(mock.state().members).toHaveLength(2);
    expect((await call(`${mock.url}/__akinai/state`, 'GET', {})).body['member-notes']).toEqual([
      expect.objectContaining({ member_id: 219, id: 17 }),
    ]);
    mock.reset();
    expect(mock.state().members).toHaveLength(1);
    await call(`${mock.url}/members`, 'POST', KEY, { last_name: '追加' });
    expect((await call(`${mock.url}/__akinai/reset`, 'POST', {})).status).toBe(204);
    expect(mock.state().members).toHaveLength(1);
    expect((await call(`${mock.url}/__akinai/nope`, 'GET', {})).status).toBe(404);
  });

  it('a data file (JSON or YAML) replaces the seed; one naming an unknown resource is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'akinai-data-'));
    writeFileSync(join(dir, 'data.yaml'), 'members:\n  - { id: 5, code: MB5, status: ACTIVE, last_name: 佐藤 }\n');
    // A partial member on purpose (the data replaces the seed as it is): not one the Member schema allows.
    const mock = await start('recore', { data: readData(join(dir, 'data.yaml')), validateResponses: false });
    expect((await call(`${mock.url}/members/5`, 'GET', KEY)).body.last_name).toBe('佐藤');
    expect((await call(`${mock.url}/members/219`, 'GET', KEY)).status).toBe(404);
    expect((await call(`${mock.url}/members`, 'POST', KEY, {})).body.id).toBe(6);
    await expect(startMock('recore', { data: { customers: [] } })).rejects.toThrow(/this API's resources are members, member-notes/);
  });

  it('50 parallel creates get 50 distinct ids and lose nothing', async () => {
    const mock = await start('pittaly-order');
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(`${mock.url}/customer_store_items`, 'POST', BASIC, { customer_cd: 'P', store_cd: 'S', item_cd: String(i) }),
      ),
    );
    expect(new Set(created.map((r) => r.body.id)).size).toBe(50);
    expect(mock.state()['customer-store-items']!.filter((item) => item.customer_cd === 'P')).toHaveLength(50);
  });

  it('past its cap a write is refused in the vendor’s shape, and nothing stored is lost', async () => {
    const mock = await start('recore', { maxRecords: 5 }); // member 219, note 17, rank 2 and staff 1 already
    expect((await call(`${mock.url}/members`, 'POST', KEY, {})).status).toBe(201);
    const full = await call(`${mock.url}/members`, 'POST', KEY, {});
    expect(full.status).toBe(400);
    expect(full.body.error).toMatchObject({ code: 'VALIDATE_FAILED', detail: { base: [expect.stringMatching(/at most 5 records/)] } });
    expect(mock.state().members).toHaveLength(2);
    expect((await call(`${mock.url}/members/bulk`, 'POST', KEY, [{}, {}])).status).toBe(400);
    expect(mock.state().members).toHaveLength(2);
  });

  it('rate limits on demand: past 5 reads a second, the vendor’s 429 with Retry-After', async () => {
    const mock = await start('recore', { rateLimits: true });
    const statuses = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await call(`${mock.url}/members/219`, 'GET', KEY)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await call(`${mock.url}/members/219`, 'GET', KEY);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    // Another key has its own count.
    expect((await call(`${mock.url}/members/219`, 'GET', { ...KEY, 'x-identification': 'other.key.sig' })).status).toBe(200);
  });

  it('a 10 MiB body always reads its 413: the mock answers, then drains what is still being sent', async () => {
    const mock = await start('recore');
    const { port } = new URL(mock.url);
    const body = Buffer.alloc(10 * 1024 * 1024, 0x20);
    const statuses = await Promise.all(
      Array.from(
        { length: 12 },
        () =>
          new Promise<string>((resolve) => {
            const socket = connect(Number(port), '127.0.0.1', () => {
              socket.write(
                `POST /members HTTP/1.1\r\nHost: x\r\nX-Identification: k\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
              );
              socket.end(body);
            });
            let text = '';
            socket.on('data', (chunk) => (text += chunk));
            socket.on('error', (error: NodeJS.ErrnoException) => resolve(text.slice(0, 12) || error.code!));
            socket.on('close', () => resolve(text.slice(0, 12)));
          }),
      ),
    );
    expect(statuses).toEqual(Array(12).fill('HTTP/1.1 413'));
  });

  it('the CLI takes --data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'akinai-data-'));
    writeFileSync(join(dir, 'data.json'), JSON.stringify({ members: [{ id: 7, code: 'MB7', status: 'ACTIVE' }] }));
    const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
    const child = spawn(process.execPath, [cli, 'recore', '--port', '0', '--data', join(dir, 'data.json')]);
    const url = await new Promise<string>((resolve) => child.stdout.on('data', (chunk) => resolve(/http:\/\/\S+/.exec(String(chunk))![0])));
    expect((await call(`${url}/members/7`, 'GET', KEY)).body.code).toBe('MB7');
    child.kill('SIGINT');
  });
});

/** A GET with a JSON body (Pittaly's search), which fetch cannot send. */
function fetchGetBody(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const { hostname, port, pathname } = new URL(url);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.end(
        `GET ${pathname} HTTP/1.1\r\nHost: x\r\nAuthorization: Basic dTpw\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
      ),
    );
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', rest = ''] = answer.split('\r\n\r\n');
      resolve({ status: Number(head.slice(9, 12)), body: rest ? JSON.parse(rest) : undefined });
    });
  });
}
