// D.T.P's commands as its server keeps them: customers (seeded from the manual's examples: customer
// 1234567890123, its points, its login and token) whose points, profile, login and withdrawal the
// commands change and read. Every refusal is HTTP 200 with the command's own StatusCode and Status, from
// its x-akinai-status-codes table — a missing or invalid parameter is the table's "パラメータが不足しています".
// Commands not listed in `commands` answer their documented example.
import { randomBytes } from 'node:crypto';
import { credentialsOf, propertiesOf, resolve } from '@akinai/specs';
import { commandAnswer } from '../commands.js';
import type { Resource, Route } from '../state/model.js';
import type { CapacityError } from '../state/store.js';
import type { Call, Reply, State, Vendor } from './types.js';
import type { Document } from '@akinai/specs/types';

type Customer = Record<string, any>;
type Fields = Record<string, string>;
type Command = (state: State, route: Route, fields: Fields, customers: Resource, sessions: Sessions) => Reply;

/** A session lasts 60 minutes from its Auth (manual 1, API 概要), in the mock's time. */
const SESSION_MS = 60 * 60_000;

interface Sessions {
  /** A new session: the Set-Cookie lines that name it. */
  open(state: State, route: Route): string[];
}

const CUSTOMERS = 'customers';

export function createDtpLcv(document: Document): Vendor {
  const customers: Resource = { name: CUSTOMERS, key: 'Code', seed: [{ records: [seedCustomer(document)] }], generated: {} };
  // The live sessions, by their cookies' values (those of the spec's cookie schemes, in order): when each ends.
  const live = new Map<string, number>();
  const cookieNames = credentialsOf(document).cookies;
  const sessionOf = (cookie = '') => {
    const cookies = new Map(cookie.split(/;\s*/).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
    return cookieNames.map((name) => cookies.get(name) ?? '').join(' ');
  };
  const sessions: Sessions = {
    open(state, route) {
      // The spec's Set-Cookie example (one cookie a line, in the cookie schemes' order), each with a new value.
      const example: string = resolve(document, route.operation.responses!['200']).headers['Set-Cookie'].example;
      const lines = example.split('\n').map((line) => line.replace(/=[^;]*/, () => `=${randomBytes(16).toString('hex')}`));
      live.set(sessionOf(lines.map((line) => line.split(';')[0]).join('; ')), state.clock.now() + SESSION_MS);
      return lines;
    },
  };
  return {
    resources: [customers],
    invalid: (route, violations) => {
      // As the state's other refusals: StatusCode in the vendor's string form, and nothing else.
      const { StatusCode, Status } = commandAnswer(document, route, 'invalid', undefined, violations).body as {
        StatusCode: unknown;
        Status: string;
      };
      return { status: 200, body: { StatusCode: String(StatusCode), Status } };
    },
    /** More records than the mock's cap: the table's internal error, its detail saying so. */
    full: (route: Route, error: CapacityError): Reply => commandAnswer(document, route, 'internal', error.message),
    session: {
      // Every command but Auth (which needs no session) needs cookies Auth set, within their 60 minutes.
      check(state, route, call) {
        if (route.operation.security?.length === 0) return undefined;
        const ends = live.get(sessionOf(call.headers.cookie));
        return ends !== undefined && ends > state.clock.now() ? undefined : commandAnswer(document, route, 'sessionLost');
      },
      end: (_state, call) => void live.delete(sessionOf(call.headers.cookie)),
    },
    commands: Object.fromEntries(
      Object.entries(commands).map(([name, command]) => [
        name,
        (state: State, route: Route, call: Call) => command(state, route, fieldsOf(call), customers, sessions),
      ]),
    ),
  };
}

/** The commands the state answers, by operationId (the page's name). */
const commands: Record<string, Command> = {
  // The system login: refused when either half is empty (the table's -1), else a new session's cookies.
  Auth(state, route, fields, _customers, sessions) {
    if (!field(fields, 'login_id') || !field(fields, 'password')) return refusal(route, /指定されていません/);
    return { ...success(state, route, {}), headers: { 'set-cookie': sessions.open(state, route) } };
  },
  Get_UserPoint: (state, route, fields, customers) => readByCodeOrTel(state, route, fields, customers),
  Get_ProvPoint: (state, route, fields, customers) => readByCodeOrTel(state, route, fields, customers),
  Set_UserPoint: (state, route, fields, customers) => addPoints(state, route, fields, customers, false),
  Set_UserPoint2: (state, route, fields, customers) => addPoints(state, route, fields, customers, true),
  // Points to be granted (an EC order not yet final), kept per receipt until Set_UserPoint2 settles them.
  Set_ProvPoint(state, route, fields, customers) {
    const customer = active(state, customers, field(fields, 'user_code'));
    if (!customer) return refusal(route, /顧客CDが存在しません/);
    const pending = [...customer.Provisional, { ...receiptOf(fields), point: Number(field(fields, 'provisional_point')) }];
    state.store.update(customers, customer, provisional(pending));
    return success(state, route, customer);
  },
  Set_DelFlg(state, route, fields, customers) {
    if (!byToken(state, customers, field(fields, 'tokenid'))) return refusal(route, /ログインIDが存在しません/);
    const customer = active(state, customers, field(fields, 'user_code'));
    if (!customer) return refusal(route, /顧客CDが存在しません/);
    state.store.update(customers, customer, { Withdrawn: true });
    return success(state, route, customer);
  },
  Get_UserToken(state, route, fields, customers) {
    const customer = all(state, customers).find((c) => c.LoginId === field(fields, 'user_loginid') && !c.Withdrawn);
    if (!customer) return refusal(route, /ログインIDが存在しません/);
    if (customer.Password !== field(fields, 'user_pasword')) return refusal(route, /パスワードが間違っています/);
    const token = newToken();
    state.store.update(customers, customer, { Tokens: [...customer.Tokens, token] });
    return success(state, route, customer, { TokenID: token });
  },
  Set_LoginInfo(state, route, fields, customers) {
    const loginId = field(fields, 'user_loginid') ?? '';
    const password = field(fields, 'user_pasword') ?? '';
    if (!/^[A-Za-z0-9]{1,20}$/.test(loginId)) return refusal(route, /ログインIDに使用不可能/);
    if (!/^[A-Za-z0-9]{1,20}$/.test(password)) return refusal(route, /パスワードに使用不可能/);
    if (all(state, customers).some((c) => c.LoginId === loginId)) return refusal(route, /既に使用されているログインID/);
    const token = newToken();
    const [customer] = state.store.create(customers, [
      blankCustomer(state, customers, { LoginId: loginId, Password: password, Uuid: field(fields, 'uuid'), Tokens: [token] }),
    ]);
    return success(state, route, customer!, { Code: customer!.Code, Uuid: customer!.Uuid, TokenID: token });
  },
  Set_Login_UserInfo(state, route, fields, customers) {
    const loginId = field(fields, 'user_loginid') ?? '';
    if (all(state, customers).some((c) => c.LoginId === loginId)) return refusal(route, /既に使用されているログインID/);
    const [customer] = state.store.create(customers, [
      blankCustomer(state, customers, {
        LoginId: loginId,
        Password: field(fields, 'user_pasword'),
        Tokens: [],
        ...profile(customers, fields, template(customers)),
      }),
    ]);
    return success(state, route, customer!);
  },
  Set_Password(state, route, fields, customers) {
    const customer = byToken(state, customers, field(fields, 'tokenid'));
    if (!customer) return refusal(route, /ログインIDが存在しません/);
    if (customer.Password !== field(fields, 'user_pasword')) return refusal(route, /パスワードが間違っています/);
    const token = newToken();
    state.store.update(customers, customer, { Password: field(fields, 'user_new_pasword'), Tokens: [...customer.Tokens, token] });
    return success(state, route, customer, { tokenid: token });
  },
  Get_UserInfo: (state, route, fields, customers) => readByToken(state, route, fields, customers),
  Get_UserInfo2: (state, route, fields, customers) => readByToken(state, route, fields, customers),
  Get_UserInfo3: (state, route, fields, customers) => readByToken(state, route, fields, customers),
  Set_UserInfo2: (state, route, fields, customers) => updateProfile(state, route, fields, customers),
  Set_UserInfo3: (state, route, fields, customers) => updateProfile(state, route, fields, customers),
};

function readByCodeOrTel(state: State, route: Route, fields: Fields, customers: Resource): Reply {
  const code = field(fields, 'user_code');
  const tel = field(fields, 'user_tel');
  const customer = all(state, customers).find((c) => (code ? c.Code === code : tel !== undefined && (c.Tel1 === tel || c.Tel2 === tel)));
  if (!customer) return refusal(route, code ? /顧客CDが存在しません/ : /顧客TELが存在しません/);
  if (customer.Withdrawn) return refusal(route, /退会済み/);
  return success(state, route, customer);
}

/**
 * A sale's points (Set_UserPoint, and Set_UserPoint2 for EC): the balance gains get_point and loses
 * use_point. Set_UserPoint2 also refuses a sale (sales_division 10) that uses more points than the
 * balance holds, and settles the points pending for the same shop, register and receipt (Set_ProvPoint's).
 */
function addPoints(state: State, route: Route, fields: Fields, customers: Resource, ec: boolean): Reply {
  const customer = active(state, customers, field(fields, 'user_code'));
  if (!customer) return refusal(route, /顧客CDが存在しません/);
  const used = Number(field(fields, 'use_point'));
  if (ec && field(fields, 'sales_division') === '10' && used !== 0 && customer.Point - used < 0)
    return refusal(route, /ポイント残高が不足/);
  const changes: Customer = { Point: customer.Point + Number(field(fields, 'get_point')) - used };
  if (ec) {
    const receipt = JSON.stringify(receiptOf(fields));
    Object.assign(changes, provisional(customer.Provisional.filter((entry: Customer) => JSON.stringify(receiptOf(entry)) !== receipt)));
  }
  state.store.update(customers, customer, changes);
  return success(state, route, customer);
}

/** Which sale points belong to: its shop, register and receipt (a form's fields, or a pending entry). */
function receiptOf(from: Fields | Customer): { shop: string; register: string; receipt: string } {
  const get = (name: string, form: string) => String(from[name] ?? field(from as Fields, form) ?? '');
  return { shop: get('shop', 'sales_shop'), register: get('register', 'register_no'), receipt: get('receipt', 'receipt_no') };
}

/** The pending points, and their sum as answers show it. */
const provisional = (pending: Customer[]): Customer => ({
  Provisional: pending,
  ProvisionalPoint: pending.reduce((sum, entry) => sum + entry.point, 0),
});

function readByToken(state: State, route: Route, fields: Fields, customers: Resource): Reply {
  const customer = byToken(state, customers, field(fields, 'tokenid'));
  return customer ? success(state, route, customer) : refusal(route, /ログインIDが存在しません/);
}

function updateProfile(state: State, route: Route, fields: Fields, customers: Resource): Reply {
  if (!byToken(state, customers, field(fields, 'tokenid'))) return refusal(route, /ログインIDが存在しません/);
  const customer = active(state, customers, field(fields, 'user_code'));
  if (!customer) return refusal(route, /顧客CDが存在しません/);
  const changes = profile(customers, fields, customer);
  // A registration date never set ('.' or 19010101) becomes the day of the change.
  if (['.', '19010101'].includes(changes.ResistDate ?? customer.ResistDate)) changes.ResistDate = today(state);
  state.store.update(customers, customer, changes);
  return success(state, route, customer);
}

/** The date in Japan as the vendor writes it (yyyyMMdd). */
const today = (state: State): string => new Date(state.clock.now() + 9 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');

/**
 * The profile fields a form sets on `customer`: each field whose name is a customer's field, whatever its
 * case. Names and kana are kept in halves (Name1/Name2, Kana1/Kana2, as Set_UserInfo3 sends them); a
 * whole `Name` or `Kana` (Set_UserInfo2) is cut at its first space, and the whole is the halves joined by
 * one space. `Attribute1`/`Attribute2` (JSON text) replace the customer's attributes; their names come
 * from the attribute master, not from the form.
 */
function profile(customers: Resource, fields: Fields, customer: Customer): Customer {
  const names = new Map(Object.keys(customer).map((name) => [name.toLowerCase(), name]));
  const out: Customer = {};
  for (const [name, value] of Object.entries(fields)) {
    const own = names.get(name.toLowerCase());
    if (own && !HIDDEN.has(own) && !(own in DERIVED)) out[own] = value;
  }
  for (const [whole, [first, second]] of Object.entries(DERIVED)) {
    const given = field(fields, whole);
    if (given !== undefined) [out[first], out[second]] = halves(given);
    out[whole] = [out[first] ?? customer[first], out[second] ?? customer[second]].filter(Boolean).join(' ');
  }
  for (const list of ['Attribute1', 'Attribute2']) {
    if (field(fields, list) !== undefined) out[list] = attributes(customers, list, field(fields, list)!);
  }
  return out;
}

/** The fields a customer has as a whole and in halves. */
const DERIVED: Record<string, [string, string]> = { Name: ['Name1', 'Name2'], Kana: ['Kana1', 'Kana2'] };

function halves(whole: string): [string, string] {
  const at = whole.indexOf(' ');
  return at < 0 ? [whole, ''] : [whole.slice(0, at), whole.slice(at + 1)];
}

/**
 * The attributes a form's JSON text names (unreadable text: none), each with its name in the attribute
 * master: the mock's master is the attributes the manual's example customer has (an unknown id: no name).
 */
function attributes(customers: Resource, list: string, text: string): Customer[] {
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch {
    given = [];
  }
  const master = new Map<string, string>((template(customers)[list] ?? []).map(({ AttrId, AttrName }: Customer) => [AttrId, AttrName]));
  return (Array.isArray(given) ? given : [])
    .filter((item): item is Customer => typeof item === 'object' && item !== null && item.AttrId !== undefined)
    .map(({ AttrId }) => ({ AttrId: String(AttrId), AttrName: master.get(String(AttrId)) ?? '' }));
}

/** What only the mock knows of a customer, never shown in an answer as it is. */
const HIDDEN = new Set(['Code', 'Point', 'ProvisionalPoint', 'Provisional', 'LoginId', 'Password', 'Uuid', 'Tokens', 'Withdrawn']);

/** The command's success example, its records filled in with the customer's values (and `extra`). */
function success(state: State, route: Route, customer: Customer, extra: Record<string, unknown> = {}): Reply {
  const example = successExample(state.document, route);
  const fill = (node: any): any => {
    if (Array.isArray(node)) return node.map(fill);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key in extra) out[key] = extra[key];
      else if (key in customer && (value === null || typeof value !== 'object'))
        out[key] = typeof value === 'string' ? String(customer[key] ?? '') : customer[key];
      else if (key in customer && Array.isArray(value) && Array.isArray(customer[key])) out[key] = structuredClone(customer[key]);
      else out[key] = fill(value);
    }
    return out;
  };
  return { status: 200, body: { ...fill(example), StatusCode: '0', Status: 'OK' } };
}

/** A refusal the command's table documents: HTTP 200, its StatusCode and Status. */
function refusal(route: Route, meaning: RegExp): Reply {
  const rows: { code: number; status: string }[] = route.operation['x-akinai-status-codes'] ?? [];
  const row = rows.find((r) => meaning.test(r.status)) ?? rows.find((r) => /パラメータが不足/.test(r.status)) ?? rows[0]!;
  return { status: 200, body: { StatusCode: String(row.code), Status: row.status } };
}

function successExample(document: Document, route: Route): Record<string, unknown> {
  const content = resolve(document, route.operation.responses?.['200'])?.content?.['application/json'];
  const examples = Object.values<any>(content?.examples ?? {}).map((example) => resolve(document, example)?.value);
  return examples.find((value) => Number(value?.StatusCode) === 0) ?? { StatusCode: '0', Status: 'OK' };
}

/** The customer of a code, unless withdrawn. */
function active(state: State, customers: Resource, code: string | undefined): Customer | undefined {
  const customer = code === undefined ? undefined : state.store.get(customers, code);
  return customer && !customer.Withdrawn ? customer : undefined;
}

function byToken(state: State, customers: Resource, token: string | undefined): Customer | undefined {
  return token === undefined ? undefined : all(state, customers).find((c) => c.Tokens.includes(token) && !c.Withdrawn);
}

function blankCustomer(state: State, customers: Resource, own: Customer): Customer {
  const codes = all(state, customers)
    .map((c) => Number(c.Code))
    .filter(Number.isSafeInteger);
  const next = String(Math.max(10_000_000, ...codes) + 1);
  return {
    ...Object.fromEntries(Object.keys(template(customers)).map((key) => [key, blankOf(state.document, key)])),
    Code: next,
    Point: 0,
    ...provisional([]),
    Withdrawn: false,
    Uuid: '',
    ...own,
  };
}

/**
 * The value of a field a new customer has not been given, valid against the answers' schema: 0 for an
 * integer (the schema's Integer is not nullable; 0 is what the vendor shows for "none": Gender 0 未設定,
 * TotalShopCount 0), [] for a list, '' for text.
 */
function blankOf(document: Document, field: string): unknown {
  const schema = resolve(document, customerProperties(document)[field]);
  const types = [schema?.type].flat();
  if (types.includes('integer') || types.includes('number')) return 0;
  if (types.includes('array')) return [];
  return '';
}

/** The properties of a customer in the answers that show one: Get_UserInfo2's `User`, Get_UserPoint's and Get_ProvPoint's rows. */
function customerProperties(document: Document): Record<string, any> {
  const shown = (command: string, property: string) => {
    const content = resolve(document, document.paths[`/${command}.aspx`]!.post!.responses!['200']).content['application/json'];
    const node = resolve(document, propertiesOf(document, content.schema)[property]);
    const value = resolve(
      document,
      (node.anyOf ?? [node]).find((part: any) => resolve(document, part)?.type !== 'null'),
    );
    return propertiesOf(document, value.type === 'array' || [value.type].flat().includes('array') ? value.items : value);
  };
  return {
    ...shown('Get_ProvPoint', 'UserProvPoint'),
    ...shown('Get_UserPoint', 'UserPoint'),
    ...shown('Get_UserInfo2', 'User'),
    ...shown('Get_UserInfo3', 'User'),
  };
}

/** The form's fields, by the spec's names (the binding has already read them). */
function fieldsOf(call: Call): Fields {
  return Object.fromEntries(new URLSearchParams(String(call.body ?? '')));
}

/** A field whatever the case of its name (the vendor's pages read names case-insensitively). */
function field(fields: Fields, name: string): string | undefined {
  const found = Object.keys(fields).find((key) => key.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : fields[found];
}

const newToken = () => randomBytes(22).toString('hex').slice(0, 43);

/** Customer 1234567890123 as the manual's examples show it: profile, points, login and session. */
function seedCustomer(document: Document): Customer {
  const ok = (command: string) => successExample(document, { operation: document.paths[`/${command}.aspx`]!.post } as Route) as any;
  const request = (command: string) => {
    const content = resolve(document, document.paths[`/${command}.aspx`]!.post!.requestBody).content['application/x-www-form-urlencoded'];
    return resolve(document, Object.values<any>(content.examples)[0]).value;
  };
  const { Point, ...user } = ok('Get_UserInfo').User;
  const { Name1, Name2, Kana1, Kana2 } = ok('Get_UserInfo3').User;
  const points = ok('Get_ProvPoint').UserProvPoint[0];
  const login = request('Get_UserToken');
  const session = request('Get_UserInfo');
  return {
    ...points,
    ...user,
    Name1,
    Name2,
    Kana1,
    Kana2,
    Name: [Name1, Name2].join(' '),
    Kana: [Kana1, Kana2].join(' '),
    Point: Number(Point),
    // The example's pending points, of a sale the manual does not show.
    ...provisional([{ shop: '', register: '', receipt: '', point: Number(points.ProvisionalPoint) }]),
    LoginId: login.user_loginid,
    Password: login.user_pasword,
    Uuid: session.uuid,
    Tokens: [session.tokenid],
    Withdrawn: false,
  };
}

const all = (state: State, customers: Resource) => state.store.list(customers) as Customer[];

/** The fields every customer has: those of the seeded one. */
const template = (customers: Resource): Customer => customers.seed[0]!.records[0]!;
