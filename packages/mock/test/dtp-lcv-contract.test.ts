// The D.T.P mock holds its contract for every client, not only @akinai/sdk (issue 19): over plain HTTP,
// stateful and static, every answer is HTTP 200, JSON, valid against the command's 200 schema, with a
// StatusCode of the command's own table — without a session, with bytes that are not Shift_JIS, past the
// record cap, for a request the spec refuses. Answers are judged by Ajv (2020), not by Prism.
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import Ajv2020 from 'ajv/dist/2020.js';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, specPath, startMock } from '../src/index.js';
import { login } from './helpers/session.js';

const spec = JSON.parse(readFileSync(specPath('dtp-lcv'), 'utf8'));
const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(spec, 'spec');
const pointer = (...keys: string[]) => `spec#/${keys.map((key) => key.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
const at = (node: any): any => {
  let current = node;
  while (current?.$ref)
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((n: any, k: string) => n[k.replace(/~1/g, '/')], spec);
  return current;
};

type Row = { code: number; to?: number; status: string; sessionLost?: true };
const commands = Object.entries(spec.paths as Record<string, { post: any }>).map(([path, { post }]) => ({
  name: post.operationId as string,
  path,
  operation: post,
  table: post['x-akinai-status-codes'] as Row[],
  example: at(at(post.requestBody)?.content['application/x-www-form-urlencoded'].examples?.example)?.value as
    | Record<string, unknown>
    | undefined,
}));
const byName = (name: string) => commands.find((command) => command.name === name)!;
/** The session of the stateful mock (its Auth's cookies; the static mock takes any). */
let cookie = '';
const FORM = 'application/x-www-form-urlencoded';

/** A form of the example's fields, each value percent-encoded in CP932 as the vendor's server wants. */
const sjis = (fields: Record<string, unknown>) =>
  Object.entries(fields)
    .map(
      ([name, value]) =>
        `${name}=${[...iconv.encode(String(value), 'Shift_JIS')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`,
    )
    .join('&');

interface Answer {
  status: number;
  type: string;
  warning: string | undefined;
  body: any;
}

/** One request over node:http, the body as bytes. */
function send(base: string, path: string, { body, headers = {} }: { body?: string | Buffer; headers?: Record<string, string> } = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
    const url = new URL(path, base);
    const req = httpRequest(
      url,
      { method: bytes ? 'POST' : 'GET', headers: { ...headers, ...(bytes && { 'content-length': String(bytes.length) }) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
          resolve({
            status: response.statusCode ?? 0,
            type: String(response.headers['content-type'] ?? ''),
            warning: response.headers['x-akinai-warning'] as string | undefined,
            body: parsed,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

/** The invariant: HTTP 200, JSON, valid against the command's 200 schema, a StatusCode of its table (or 0). */
function expectDocumented(answer: Answer, path: string) {
  const command = commands.find((c) => c.path === path)!;
  expect({ status: answer.status, type: answer.type }).toEqual({ status: 200, type: 'application/json; charset=utf-8' });
  const validate = ajv.getSchema(pointer('paths', path, 'post', 'responses', '200', 'content', 'application/json', 'schema'))!;
  expect(validate(answer.body) ? [] : validate.errors, `${path}: ${JSON.stringify(answer.body).slice(0, 200)}`).toEqual([]);
  const code = Number(answer.body.StatusCode);
  if (code !== 0)
    expect(
      command.table.some((row) => row.code === code || (row.to !== undefined && code <= row.code && code >= row.to)),
      `${code} in ${command.name}'s table`,
    ).toBe(true);
  return code;
}

const modes = [['stateful', {}] as const, ['static', { static: true }] as const];
const mocks: Record<string, RunningMock> = {};
beforeAll(async () => {
  for (const [mode, options] of modes) mocks[mode] = await startMock('dtp-lcv', options);
  cookie = await login(mocks.stateful!.url);
});
afterAll(async () => {
  for (const mock of Object.values(mocks)) await mock.close();
});

describe.each(modes)('%s', (mode) => {
  const url = () => mocks[mode]!.url;

  describe('without the session cookies: HTTP 200 and the command’s session-lost code, never a 401', () => {
    it.each(commands.filter((c) => c.name !== 'Auth').map((c) => [c.name, c] as const))('%s', async (_, command) => {
      const lost = command.table.find((row) => row.sessionLost)!;
      for (const headers of [{ 'content-type': FORM }, { 'content-type': FORM, cookie: 'ASP.NET_SessionId=s' }] as Record<
        string,
        string
      >[]) {
        const answer = await send(url(), command.path, { body: sjis(command.example ?? {}), headers });
        expect(expectDocumented(answer, command.path)).toBe(lost.code);
      }
      // And as the manual's GET.
      expect(expectDocumented(await send(url(), `${command.path}?${sjis(command.example ?? {})}`), command.path)).toBe(lost.code);
    });
  });

  describe('a request the spec refuses: HTTP 200 and the command’s parameter code', () => {
    const refusable = commands.filter((c) => {
      const schema = at(at(c.operation.requestBody)?.content[FORM].schema);
      return c.name !== 'Auth' && (schema?.required?.length || schema?.allOf);
    });
    it.each(refusable.map((c) => [c.name, c] as const))('%s, sent an empty form', async (_, command) => {
      const answer = await send(url(), command.path, { body: 'unknown=1', headers: { 'content-type': FORM, cookie } });
      const code = expectDocumented(answer, command.path);
      const row = command.table.find((r) => /パラメータが不足/.test(r.status)) ?? command.table.find((r) => r.to !== undefined)!;
      expect(code).toBe(row.code);
      // Static: the documented example of that code, as it is.
      if (mode === 'static' && row.to === undefined) {
        const examples = at(command.operation.responses['200']).content['application/json'].examples;
        expect(answer.body).toEqual(examples[`code${row.code}`].value);
      }
    });
  });

  describe("a value the vendor's own checks refuse (issue 20): HTTP 200 and the code its table gives it", () => {
    const sendForm = (name: string, fields: Record<string, unknown>) =>
      send(url(), byName(name).path, { body: sjis(fields), headers: { 'content-type': FORM, cookie } });
    const internal = (name: string) => byName(name).table.find((row) => row.to !== undefined)!.code;
    it('Set_PointMst registers (Mode=C) only with Name, Memo, StartDate, EndDate and Count', async () => {
      const { Mode: _, Code, ...registration } = byName('Set_PointMst').example!;
      const { Count: _count, ...withoutCount } = registration;
      expect(expectDocumented(await sendForm('Set_PointMst', { Mode: 'C', Code }), '/Set_PointMst.aspx')).toBe(internal('Set_PointMst'));
      expect(expectDocumented(await sendForm('Set_PointMst', { Mode: 'C', Code, ...withoutCount }), '/Set_PointMst.aspx')).toBe(
        internal('Set_PointMst'),
      );
      expect(expectDocumented(await sendForm('Set_PointMst', { Mode: 'C', Code, ...registration }), '/Set_PointMst.aspx')).toBe(0);
      expect(expectDocumented(await sendForm('Set_PointMst', { Mode: 'M', Code }), '/Set_PointMst.aspx')).toBe(0);
    });
    it('Set_LoginInfo: a login ID or password that is not 20 half-width letters and digits is its own code, a missing one -27001', async () => {
      const example = byName('Set_LoginInfo').example!;
      const code = async (fields: Record<string, unknown>) =>
        expectDocumented(await sendForm('Set_LoginInfo', fields), '/Set_LoginInfo.aspx');
      expect(await code({ ...example, user_loginid: 'okamoto@example.jp' })).toBe(-27003);
      expect(await code({ ...example, user_loginid: 'a'.repeat(21) })).toBe(-27003);
      expect(await code({ ...example, user_pasword: 'secret-01' })).toBe(-27004);
      expect(await code({ uuid: example.uuid, user_pasword: example.user_pasword })).toBe(-27001);
    });
    it("a number past its table's digits is the command's parameter code; ITM and ITEM are both a Kubun", async () => {
      const points = byName('Set_UserPoint').example!;
      const answer = await sendForm('Set_UserPoint', { ...points, register_no: '123456789012345' });
      expect(expectDocumented(answer, '/Set_UserPoint.aspx')).toBe(-9001);
      for (const Kubun of ['ITM', 'ITEM'])
        expect(expectDocumented(await sendForm('Get_ProductCategory', { Kubun }), '/Get_ProductCategory.aspx')).toBe(0);
    });
  });

  describe('bytes that are not Shift_JIS: read as the vendor reads them, the command answered, a warning', () => {
    const hint = (body: string | Buffer, type = FORM) =>
      send(url(), '/Auth_Hint.aspx', { body, headers: { 'content-type': type, cookie } });
    it('invalid Shift_JIS is read as U+FFFD', async () => {
      const answer = await hint('name=%FB&email=a%40example.jp');
      expect(expectDocumented(answer, '/Auth_Hint.aspx')).toBe(0);
      expect(answer.warning).toMatch(/not valid Shift_JIS.*U\+FFFD.*mojibake/);
    });
    it('UTF-8 that happens to be valid Shift_JIS (髙輪 → 鬮呵ｼｪ) is warned of too', async () => {
      const answer = await hint(`name=${encodeURIComponent('髙輪')}&email=a%40example.jp`);
      expect(expectDocumented(answer, '/Auth_Hint.aspx')).toBe(0);
      expect(answer.warning).toMatch(/UTF-8 text was read as Shift_JIS.*mojibake/);
    });
    it('raw bytes, broken escapes and an unknown charset are read, never refused', async () => {
      for (const [body, type] of [
        [Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0x81, 0xff, 0x26, 0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0x61]), FORM],
        ['name=%zz%&email=a', FORM],
        ['name=a&email=b', `${FORM}; charset=x-nope`],
      ] as const) {
        const answer = await hint(body, type);
        expectDocumented(answer, '/Auth_Hint.aspx');
        expect(answer.warning).toBeTypeOf('string');
      }
      const query = await send(url(), '/Auth_Hint.aspx?name=%82%A0%zz&email=%ff', { headers: { cookie } });
      expectDocumented(query, '/Auth_Hint.aspx');
      expect(query.warning).toMatch(/U\+FFFD/);
    });
    it('CP932, and UTF-8 that says so, carry no warning', async () => {
      for (const [body, type] of [
        [sjis({ name: '髙橋①～', email: 'a@example.jp' }), FORM],
        [`name=${encodeURIComponent('髙橋')}&email=a`, `${FORM}; charset=utf-8`],
        ['name=abc&email=a', FORM],
      ] as const) {
        const answer = await hint(body, type);
        expect(expectDocumented(answer, '/Auth_Hint.aspx')).toBe(0);
        expect(answer.warning).toBeUndefined();
      }
    });
  });

  it('a numeric field takes every value its spec allows, in the digits a form carries', async () => {
    const update = byName('Set_UserInfo2');
    for (const segment of ['0', '9']) {
      const answer = await send(url(), update.path, {
        body: sjis({ ...update.example, Segment: segment }),
        headers: { 'content-type': FORM, cookie },
      });
      expect(expectDocumented(answer, update.path)).toBe(0);
    }
    const points = byName('Set_UserPoint');
    for (const value of ['-9999999999', '9999999999']) {
      const body = sjis({ ...points.example, get_point: value, use_point: value });
      expect(expectDocumented(await send(url(), points.path, { body, headers: { 'content-type': FORM, cookie } }), points.path)).toBe(0);
    }
  });
});

describe('stateful answers are valid against their schema', () => {
  const form = (fields: Record<string, string>) => ({ body: sjis(fields), headers: { 'content-type': FORM, cookie } });
  it('a new customer (Set_Login_UserInfo), and what every stateful read answers of them', async () => {
    const url = mocks.stateful!.url;
    const created = await send(url, '/Set_Login_UserInfo.aspx', form({ user_loginid: 'newbie', user_pasword: 'pw1', Name: '新規' }));
    expect(expectDocumented(created, '/Set_Login_UserInfo.aspx')).toBe(0);
    for (const field of ['Gender', 'TotalShopCount', 'TotalSalesCount', 'TotalSalesAmount', 'Segment', 'LastYearPoint'])
      expect(Number.isInteger(Number(created.body.User[field])) && created.body.User[field] !== '', field).toBe(true);
    const token = await send(url, '/Get_UserToken.aspx', form({ user_loginid: 'newbie', user_pasword: 'pw1' }));
    expect(expectDocumented(token, '/Get_UserToken.aspx')).toBe(0);
    const { TokenID: tokenid, Code: code } = token.body;
    for (const command of ['Get_UserInfo', 'Get_UserInfo2', 'Get_UserInfo3'])
      expect(expectDocumented(await send(url, `/${command}.aspx`, form({ tokenid, uuid: 'u' })), `/${command}.aspx`)).toBe(0);
    for (const [command, fields] of [
      ['Get_UserPoint', { user_code: code }],
      ['Get_ProvPoint', { user_code: code }],
      [
        'Set_UserPoint2',
        {
          user_code: code,
          sales_date: '20260101',
          sales_division: '10',
          sales_shop: '1',
          register_no: '1',
          receipt_no: '1',
          get_point: '5',
          use_point: '0',
        },
      ],
      ['Set_UserInfo2', { Tokenid: tokenid, user_code: code, Segment: '1' }],
      ['Set_UserInfo3', { Tokenid: tokenid, user_code: code, Name1: '新', Name2: '規' }],
      ['Set_Password', { tokenid, user_pasword: 'pw1', user_new_pasword: 'pw2' }],
      ['Set_DelFlg', { tokenid, user_code: code }],
      ['Get_UserPoint', { user_code: code }],
    ] as const)
      expectDocumented(await send(url, `/${command}.aspx`, form(fields as Record<string, string>)), `/${command}.aspx`);
  });

  it('every command the state keeps answers its examples within its schema', async () => {
    const url = mocks.stateful!.url;
    mocks.stateful!.reset();
    for (const command of commands) {
      if (!command.example) continue;
      const fields = Object.fromEntries(Object.entries(command.example).map(([k, v]) => [k, String(v)]));
      expectDocumented(await send(url, command.path, form(fields)), command.path);
    }
  });
});

describe('past the record cap: HTTP 200 and the table’s internal error, nothing stored', () => {
  let mock: RunningMock;
  let session = '';
  beforeAll(async () => {
    mock = await startMock('dtp-lcv', { maxRecords: 1 }); // the seeded customer only
    session = await login(mock.url);
  });
  afterAll(() => mock?.close());
  it.each([
    ['Set_LoginInfo', { user_loginid: 'cap1', user_pasword: 'pw1', uuid: 'u' }],
    ['Set_Login_UserInfo', { user_loginid: 'cap2', user_pasword: 'pw1', Name: '上限' }],
  ] as const)('%s', async (name, fields) => {
    const command = byName(name);
    const answer = await send(mock.url, command.path, { body: sjis(fields), headers: { 'content-type': FORM, cookie: session } });
    const internal = command.table.find((row) => row.to !== undefined && row.status.startsWith('内部エラー'))!;
    expect(expectDocumented(answer, command.path)).toBe(internal.code);
    expect(answer.body.Status).toMatch(/^内部エラー: /);
    expect(mock.state().customers).toHaveLength(1);
  });
});
