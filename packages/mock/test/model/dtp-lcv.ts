// D.T.P's customers as its manual describes them (7.5–7.9, 7.44–7.51), small enough to read: points a
// sale adds and uses (Set_UserPoint, Set_UserPoint2, which refuses to use more than the balance and
// settles the points pending for its receipt), points pending per receipt (Set_ProvPoint), the profile
// (names in halves, the whole joined by a space; attributes replaced, named from the master) and
// withdrawal (Set_DelFlg). Every refusal is HTTP 200 with the command's own code, found here by its
// meaning in the command's table (a withdrawn customer: 退会済み to a read, an unknown code to a write).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { specPath } from '../../src/index.js';
import type { Answer, Client } from './client.js';

interface Pending {
  receipt: string;
  point: number;
}
export interface Model {
  point: number;
  pending: Pending[];
  name: [string, string];
  kana: [string, string];
  memo: string;
  attributes: { AttrId: string; AttrName: string }[];
  withdrawn: boolean;
}

const CODE = '1234567890123';
const TOKEN = '06239596bbad14ad67bfe26a21abf07faedbebb7193';
const UUID = '000111222eeefff';
const MASTER: Record<string, string> = { '01': 'ブランド1' };

export const headers = {};

/** Every sequence starts with a session, as a client must: Auth, whose cookies the client sends back. */
export async function start(client: Client): Promise<void> {
  const got = await client.form('/Auth.aspx', { login_id: 'api', password: 'pass' });
  expect(got.body.StatusCode).toBe('0');
}

/** Customer 1234567890123 as the manual's examples show it. */
export function initial(): Model {
  return {
    point: 4250,
    pending: [{ receipt: '', point: 100 }],
    name: ['岡本', '太郎'],
    kana: ['オカモト', 'タロウ'],
    memo: '.',
    attributes: [{ AttrId: '01', AttrName: 'ブランド1' }],
    withdrawn: false,
  };
}

const document = JSON.parse(readFileSync(specPath('dtp-lcv'), 'utf8'));
/** The command's code for an outcome, found by its meaning in the command's table. */
function code(command: string, meaning: RegExp): string {
  const rows: { code: number; status: string }[] = document.paths[`/${command}.aspx`].post['x-akinai-status-codes'];
  const row = rows.find((r) => meaning.test(r.status));
  if (!row) throw new Error(`${command} has no row for ${meaning}`);
  return String(row.code);
}

const ok = (got: Answer) => expect(got.body.StatusCode, got.body.Status).toBe('0');
const refused = (got: Answer, command: string, meaning: RegExp) => expect(got.body.StatusCode).toBe(code(command, meaning));

/** A sale's receipt: one of a few, so that points pending and settled meet. */
const RECEIPTS: Record<string, { sales_shop: string; register_no: number; receipt_no: number }> = {
  A: { sales_shop: '100200', register_no: 1, receipt_no: 556 },
  B: { sales_shop: '100200', register_no: 2, receipt_no: 556 },
};
const sale = (receipt: string) => ({ user_code: CODE, sales_date: '20140401', ...RECEIPTS[receipt]!, user_remarks: 'テスト' });

type Command = fc.AsyncCommand<Model, Client>;

class UserPoint implements Command {
  constructor(
    readonly ec: boolean,
    readonly division: '10' | '20',
    readonly get: number,
    readonly use: number,
    readonly receipt: string,
  ) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const command = this.ec ? 'Set_UserPoint2' : 'Set_UserPoint';
    const sign = this.division === '20' ? -1 : 1;
    const [get, use] = [sign * this.get, sign * this.use];
    const got = await client.form(`/${command}.aspx`, {
      ...sale(this.receipt),
      sales_division: this.division,
      get_point: get,
      use_point: use,
    });
    if (model.withdrawn) return refused(got, command, /顧客CDが存在しません/);
    if (this.ec && this.division === '10' && use !== 0 && model.point - use < 0) return refused(got, command, /ポイント残高が不足/);
    ok(got);
    model.point += get - use;
    if (this.ec) model.pending = model.pending.filter((entry) => entry.receipt !== this.receipt);
  }
  toString = () => `${this.ec ? 'Set_UserPoint2' : 'Set_UserPoint'} ${this.division} +${this.get} -${this.use} receipt ${this.receipt}`;
}

class ProvPoint implements Command {
  constructor(
    readonly receipt: string,
    readonly point: number,
  ) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const got = await client.form('/Set_ProvPoint.aspx', { ...sale(this.receipt), sales_division: '10', provisional_point: this.point });
    if (model.withdrawn) return refused(got, 'Set_ProvPoint', /顧客CDが存在しません/);
    ok(got);
    model.pending.push({ receipt: this.receipt, point: this.point });
  }
  toString = () => `Set_ProvPoint ${this.point} receipt ${this.receipt}`;
}

class ReadPoints implements Command {
  constructor(readonly command: 'Get_UserPoint' | 'Get_ProvPoint') {}
  check = () => true;
  async run(model: Model, client: Client) {
    const got = await client.form(`/${this.command}.aspx`, { user_code: CODE });
    if (model.withdrawn) return refused(got, this.command, /退会済み/);
    ok(got);
    const [row] = got.body[this.command === 'Get_UserPoint' ? 'UserPoint' : 'UserProvPoint'];
    expect(Number(row.Point)).toBe(model.point);
    if (this.command === 'Get_ProvPoint')
      expect(Number(row.ProvisionalPoint)).toBe(model.pending.reduce((sum, entry) => sum + entry.point, 0));
  }
  toString = () => this.command;
}

/** Set_UserInfo2 (a whole name, cut at its first space) or Set_UserInfo3 (halves). */
class Profile implements Command {
  constructor(
    readonly split: boolean,
    readonly name: [string, string] | undefined,
    readonly kana: [string, string] | undefined,
    readonly memo: string | undefined,
    readonly attributes: string[] | undefined,
  ) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const command = this.split ? 'Set_UserInfo3' : 'Set_UserInfo2';
    const fields: Record<string, string> = { Tokenid: TOKEN, user_code: CODE };
    if (this.split) {
      if (this.name) [fields.Name1, fields.Name2] = this.name;
      if (this.kana) [fields.Kana1, fields.Kana2] = this.kana;
    } else {
      if (this.name) fields.Name = this.name.filter(Boolean).join(' ');
      if (this.kana) fields.Kana = this.kana.filter(Boolean).join(' ');
    }
    if (this.memo !== undefined) fields.Memo = this.memo;
    if (this.attributes) fields.Attribute1 = JSON.stringify(this.attributes.map((id) => ({ AttrId: id, AttrName: '無視される' })));
    const got = await client.form(`/${command}.aspx`, fields);
    if (model.withdrawn) return refused(got, command, /ログインIDが存在しません/);
    ok(got);
    // A whole name is cut at its first space: "a b c" is "a" and "b c".
    const halves = (pair: [string, string]): [string, string] => {
      if (this.split) return pair;
      const whole = pair.filter(Boolean).join(' ');
      const at = whole.indexOf(' ');
      return at < 0 ? [whole, ''] : [whole.slice(0, at), whole.slice(at + 1)];
    };
    if (this.name) model.name = halves(this.name);
    if (this.kana) model.kana = halves(this.kana);
    if (this.memo !== undefined) model.memo = this.memo;
    if (this.attributes) model.attributes = this.attributes.map((id) => ({ AttrId: id, AttrName: MASTER[id] ?? '' }));
  }
  toString = () =>
    `${this.split ? 'Set_UserInfo3' : 'Set_UserInfo2'} ${JSON.stringify([this.name, this.kana, this.memo, this.attributes])}`;
}

class ReadProfile implements Command {
  constructor(readonly split: boolean) {}
  check = () => true;
  async run(model: Model, client: Client) {
    const command = this.split ? 'Get_UserInfo3' : 'Get_UserInfo2';
    const got = await client.form(`/${command}.aspx`, { tokenid: TOKEN, uuid: UUID });
    if (model.withdrawn) return refused(got, command, /ログインIDが存在しません/);
    ok(got);
    const whole = (pair: [string, string]) => pair.filter(Boolean).join(' ');
    expect(got.body.User).toMatchObject({
      ...(this.split
        ? { Name1: model.name[0], Name2: model.name[1], Kana1: model.kana[0], Kana2: model.kana[1] }
        : { Name: whole(model.name), Kana: whole(model.kana) }),
      Memo: model.memo,
      Attribute1: model.attributes,
    });
  }
  toString = () => (this.split ? 'Get_UserInfo3' : 'Get_UserInfo2');
}

class Withdraw implements Command {
  check = () => true;
  async run(model: Model, client: Client) {
    const got = await client.form('/Set_DelFlg.aspx', { tokenid: TOKEN, user_code: CODE });
    if (model.withdrawn) return refused(got, 'Set_DelFlg', /ログインIDが存在しません/);
    ok(got);
    model.withdrawn = true;
  }
  toString = () => 'Set_DelFlg';
}

const points = fc.integer({ min: 0, max: 3000 });
const receipt = fc.constantFrom('A', 'B');
const text = fc.constantFrom('髙橋', 'DTP', '花子', 'タカハシ', '');
const pair = fc.tuple(text, text);

export const commands: fc.Arbitrary<Command>[] = [
  fc
    .tuple(fc.boolean(), fc.constantFrom('10', '20'), points, points, receipt)
    .map(([ec, division, get, use, r]) => new UserPoint(ec, division as '10' | '20', get, use, r)),
  fc.tuple(receipt, fc.integer({ min: 1, max: 500 })).map(([r, point]) => new ProvPoint(r, point)),
  fc.constantFrom('Get_UserPoint', 'Get_ProvPoint').map((command) => new ReadPoints(command as 'Get_UserPoint')),
  fc
    .tuple(
      fc.boolean(),
      fc.option(pair, { nil: undefined }),
      fc.option(pair, { nil: undefined }),
      fc.option(text, { nil: undefined }),
      fc.option(fc.subarray(['01', '02', '03']), { nil: undefined }),
    )
    .map(([split, name, kana, memo, attributes]) => new Profile(split, name, kana, memo, attributes)),
  fc.boolean().map((split) => new ReadProfile(split)),
  fc.constant(new Withdraw()),
];
