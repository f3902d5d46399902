// Every D.T.P command through the SDK against the real Prism mock, the session (login, cookies, re-login
// on session loss and after its lifetime), and the typed values the client converts.
import { readFileSync } from 'node:fs';
import { specPath, startMock, type RunningMock } from '@akinai/mock';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { ApiError, CommandError, createDtpLcvClient, type Command, type DtpLcvClient } from '@akinai/sdk/dtp-lcv';
import { through } from './helpers/mock-fetch.js';

const spec = JSON.parse(readFileSync(specPath('dtp-lcv'), 'utf8'));
const commands = Object.entries(spec.paths as Record<string, { post: any }>);
let mock: RunningMock;
/** Requests as the client sent them: path, decoded form, and whether the session cookies went along. */
let sent: { path: string; form: URLSearchParams; cookie: string | null }[] = [];
/** Extra headers for the next request to a path (e.g. Prefer, to ask the mock for an error). */
const once = new Map<string, Record<string, string>>();

function client(options: { sessionLifetime?: number; throwOnError?: boolean } = {}): DtpLcvClient {
  return createDtpLcvClient({
    loginId: 'apiuser',
    password: 'apipass-秘密',
    baseUrl: mock.url,
    logLevel: 'off',
    ...options,
    fetch: async (url, init) => {
      const path = new URL(url).pathname;
      const headers = new Headers(init.headers);
      sent.push({ path, form: new URLSearchParams(decodeShiftJisForm(String(init.body ?? ''))), cookie: headers.get('cookie') });
      for (const [name, value] of Object.entries(once.get(path) ?? {})) headers.set(name, value);
      once.delete(path);
      return through(mock, fetch)(url, { ...init, headers });
    },
  }) as DtpLcvClient;
}

/** A JSON answer that names its charset (without one, the client reads Shift_JIS, as the vendor sends). */
const utf8Json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8' } });

/** A Shift_JIS form as the text it carries (for assertions; the mock decodes it the same way). */
function decodeShiftJisForm(body: string): string {
  return body
    .split('&')
    .filter(Boolean)
    .map((pair) =>
      pair
        .split('=')
        .map((part) => encodeURIComponent(new TextDecoder('shift_jis').decode(Buffer.from(unescape(part.replace(/\+/g, ' ')), 'latin1'))))
        .join('='),
    )
    .join('&');
}

beforeAll(async () => {
  mock = await startMock('dtp-lcv', { static: true }); // the spec's own answers: the contract, not the state
});
afterAll(() => mock?.close());

describe('every command through the SDK', () => {
  const lcv = () => client();
  let shared: DtpLcvClient;
  beforeAll(() => {
    shared = lcv();
    sent = [];
  });

  it.each(commands)("%s answers StatusCode 0 with the spec's example", async (path, { post }) => {
    const example = post.requestBody?.content['application/x-www-form-urlencoded'].examples.example.value;
    const { data, error } = await (shared.POST as (path: Command, init?: object) => Promise<any>)(
      path as Command,
      example && { body: example },
    );
    expect(error).toBeUndefined();
    expect(data.StatusCode).toBe(0);
    const last = sent.at(-1)!;
    expect(last.path).toBe(path);
    if (path !== '/Auth.aspx') expect(last.cookie).toMatch(/ASP\.NET_SessionId=[^;]+; \.ASPXAUTH=/);
  });

  it('one session served them all (the explicit Auth first, so the client did not log in again)', () => {
    expect(sent.filter((s) => s.path === '/Auth.aspx')).toHaveLength(1);
  });
});

describe('typed values', () => {
  it('numbers the vendor quotes arrive as numbers', async () => {
    const { data } = await client().POST('/Get_UserPoint.aspx', { body: { user_code: '1234567890123' } });
    expectTypeOf(data!.UserPoint[0]!.Point).toEqualTypeOf<number | undefined>(); // the vendor never says a row has it
    expect(data!.UserPoint[0]).toMatchObject({ Code: '1234567890123', Point: 4250, PointRate: 11, Gender: 0, Shop: '001122' });
    expect(data!.StatusCode).toBe(0);
  });

  it('JSON-text parameters take arrays, CSV parameters take rows', async () => {
    const lcv = client();
    await lcv.POST('/Set_UserInfo2.aspx', {
      body: { Tokenid: 't', user_code: '1', Segment: 1, Attribute1: [{ AttrId: '01' }, { AttrId: '02', AttrName: 'ブランド２' }] },
    });
    expect(sent.at(-1)!.form.get('Attribute1')).toBe('[{"AttrId":"01"},{"AttrId":"02","AttrName":"ブランド２"}]');
    expect(sent.at(-1)!.form.get('Segment')).toBe('1');
    const { data } = await lcv.POST('/Set_ToriokiNew.aspx', {
      body: {
        date: '20170401',
        user_code: '7000000000123',
        shopcode: '12001',
        terminal: 'g9ohIgCC66eqJcH8',
        detail: [
          { goods: 'LTAT17S4524', color: '27', size: '002', quantity: 1 },
          { goods: 'LTAT17S4999', color: '28', size: '001', quantity: 2 },
        ],
      },
    });
    expect(sent.at(-1)!.form.get('detail')).toBe('LTAT17S4524,27,002,1@LTAT17S4999,28,001,2');
    expect(data!.Status).toBe('12000123'); // the hold's slip number
  });

  it('a CSV row with a comma is refused before anything is sent', async () => {
    const lcv = client();
    const before = sent.length;
    const refused = lcv.POST('/Set_ToriokiStatus.aspx', {
      body: { denno: '1', statuscode: '1', terminal: 't', detail: [{ goods: 'A,B', color: '1', size: '2' }] },
    });
    await expect(refused).rejects.toThrow(/detail: row 0 goods "A,B" contains ","/);
    expect(sent.length).toBe(before);
  });

  it('the CSV that Get_ToriokiStatus returns in Status comes back as rows', async () => {
    const { data } = await client().POST('/Get_ToriokiStatus.aspx', { body: { denno: '12000123' } });
    expectTypeOf(data!.rows[0]!.商品CD).toEqualTypeOf<string>();
    expect(data!.rows).toHaveLength(1);
    expect(data!.rows[0]).toMatchObject({ 伝票NO: '12000123', 商品CD: 'LTAT17S4524', サイズCD: '002', 完了FLG: '0' });
  });
});

describe('errors', () => {
  it('a non-zero StatusCode is a CommandError with the command, the code and its documented meaning', async () => {
    const lcv = client();
    once.set('/Get_UserPoint.aspx', { prefer: 'example=code-8004' });
    const { data, error } = await lcv.POST('/Get_UserPoint.aspx', { body: { user_code: '1' } });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      command: 'Get_UserPoint',
      statusCode: -8004,
      code: '-8004',
      status: 200,
      meaning: '退会済み顧客です',
      sessionLost: false,
    });
    expect(error!.message).toBe('Get_UserPoint failed with StatusCode -8004: 退会済み顧客です');
    expect(error!.body).toMatchObject({ StatusCode: -8004, UserPoint: null });
  });

  it("a code inside a documented range gets the range's meaning; throwOnError throws it", async () => {
    const lcv = createDtpLcvClient({
      loginId: 'a',
      password: 'b',
      baseUrl: mock.url,
      throwOnError: true,
      logLevel: 'off',
      fetch: async (url, init) => {
        if (url.endsWith('/Get_Shops.aspx')) return utf8Json({ StatusCode: '-47012', Status: '内部エラー: ORA-00942' });
        return through(mock, fetch)(url, init);
      },
    });
    const error = await lcv.POST('/Get_Shops.aspx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ statusCode: -47012, meaning: '内部エラー: (エラー内容詳細)' });
    expect((error as Error).message).toBe(
      'Get_Shops failed with StatusCode -47012: 内部エラー: ORA-00942 (documented: 内部エラー: (エラー内容詳細))',
    );
  });

  it('the mock answers a command without the session cookies as its server does: HTTP 200, the session-lost code', async () => {
    const response = await fetch(`${mock.url}/Get_Shops.aspx`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ StatusCode: -47098, Status: '内部エラー:セッションの接続が切れています' });
  });
});

describe('the session', () => {
  const auths = () => sent.filter((s) => s.path === '/Auth.aspx').length;

  it('session lost (-NN098): logs in again once and repeats the command', async () => {
    const lcv = client();
    sent = [];
    once.set('/Get_ProvPoint.aspx', { prefer: 'example=code-35098' });
    const { data, error } = await lcv.POST('/Get_ProvPoint.aspx', { body: { user_code: '1234567890123' } });
    expect(error).toBeUndefined();
    expect(data!.UserProvPoint[0]!.ProvisionalPoint).toBe(100);
    expect(sent.map((s) => s.path)).toEqual(['/Auth.aspx', '/Get_ProvPoint.aspx', '/Auth.aspx', '/Get_ProvPoint.aspx']);
    expect(sent[2]!.form.get('login_id')).toBe('apiuser');
    expect(sent[2]!.form.get('password')).toBe('apipass-秘密'); // sent in Shift_JIS
  });

  it('a session lost twice in a row is returned, not looped on', async () => {
    const lcv = createDtpLcvClient({
      loginId: 'a',
      password: 'b',
      baseUrl: mock.url,
      logLevel: 'off',
      fetch: async (url, init) => {
        sent.push({ path: new URL(url).pathname, form: new URLSearchParams(), cookie: null });
        const headers = new Headers(init.headers);
        if (url.endsWith('/Set_UserPoint2.aspx')) headers.set('prefer', 'example=code-9098');
        return through(mock, fetch)(url, { ...init, headers });
      },
    });
    sent = [];
    const { error } = await lcv.POST('/Set_UserPoint2.aspx', {
      body: {
        user_code: '1',
        sales_date: '20240101',
        sales_division: '10',
        sales_shop: '1',
        register_no: 1,
        receipt_no: 1,
        get_point: 1,
        use_point: 0,
        user_remarks: '',
      },
    });
    expect(error).toMatchObject({ statusCode: -9098, sessionLost: true });
    expect(sent.map((s) => s.path)).toEqual(['/Auth.aspx', '/Set_UserPoint2.aspx', '/Auth.aspx', '/Set_UserPoint2.aspx']);
  });

  it('after its lifetime the session is renewed before the next command', async () => {
    const lcv = client({ sessionLifetime: 1_000 });
    sent = [];
    await lcv.POST('/Get_HintInfo.aspx');
    await lcv.POST('/Get_HintInfo.aspx');
    expect(auths()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await lcv.POST('/Get_HintInfo.aspx');
    expect(auths()).toBe(2);
  });

  it('concurrent first calls share one login', async () => {
    const lcv = client();
    sent = [];
    await Promise.all(Array.from({ length: 5 }, () => lcv.POST('/Get_Shops.aspx')));
    expect(auths()).toBe(1);
  });

  it('a refused login is the error of the call, and never shows the password', async () => {
    const lcv = createDtpLcvClient({
      loginId: 'apiuser',
      password: 'hunter2-パス',
      baseUrl: mock.url,
      logLevel: 'off',
      fetch: async (url, init) => {
        if (url.endsWith('/Auth.aspx')) return utf8Json({ StatusCode: '-2', Status: 'ID/PASSが間違っています: hunter2-パス' });
        return through(mock, fetch)(url, init);
      },
    });
    const { error } = await lcv.POST('/Get_Shops.aspx');
    expect(error).toMatchObject({ command: 'Auth', statusCode: -2, meaning: 'ID/PASSが間違っています' });
    expect(JSON.stringify({ message: error!.message, body: error!.body, ...error })).not.toContain('hunter2');
  });
});
