// The vendor's own checks, value by value, on the bundled specs: what its server refuses is refused,
// and what it never said is not (issue 20). Each fact has values on both sides of it, so that loosening
// or tightening it fails here.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { dereference, propertiesOf, resolve } from '../lib/document.js';

const bundle = (api: string) => dereference(JSON.parse(readFileSync(new URL(`../dist/${api}.openapi.json`, import.meta.url), 'utf8')));
const specs = { recore: bundle('recore'), 'pittaly-order': bundle('pittaly-order'), 'dtp-lcv': bundle('dtp-lcv') };
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const dtp = specs['dtp-lcv'];

/** A D.T.P command's form schema. */
const form = (command: string) => dtp.paths[`/${command}.aspx`].post.requestBody.content['application/x-www-form-urlencoded'].schema;
/** A D.T.P command's answer schema. */
const answer = (command: string) => dtp.paths[`/${command}.aspx`].post.responses['200'].content['application/json'].schema;
/** A property of an object schema (allOf parts included). */
const field = (document: any, schema: any, name: string) => resolve(document, propertiesOf(document, schema)[name]);
/** A D.T.P answer's rows (`items` of the array under `name`, null allowed beside it). */
const rows = (command: string, name: string) => field(dtp, answer(command), name).items;

type Case = [string, any, unknown[], unknown[]];

const cases: Case[] = [
  // Set_PointMst: Name, Memo, StartDate, EndDate and Count are required on registration (Mode=C).
  [
    'Set_PointMst: registering (Mode=C) requires Name, Memo, StartDate, EndDate and Count',
    form('Set_PointMst'),
    [
      { Mode: 'C', Code: 'X1', Name: '秋', Memo: '説明', StartDate: '20171001', EndDate: '20171031', Count: 0 },
      { Mode: 'M', Code: 'X1' },
      { Mode: 'D', Code: 'X1' },
    ],
    [
      { Mode: 'C', Code: 'X1' },
      { Mode: 'C', Code: 'X1', Name: '秋', Memo: '説明', StartDate: '20171001', EndDate: '20171031' },
      { Mode: 'X', Code: 'X1' },
    ],
  ],
  ['Set_PointMst Count: 0 (unlimited) or more', field(dtp, form('Set_PointMst'), 'Count'), [0, '0', 3, '12'], [-1, '-1', 1e10]],
  // ReCORE: 「ひらがなカタカナ英数字記号のみ」, 30 characters.
  [
    'ReCORE bank_account_name: kana, letters, digits and symbols only',
    field(specs.recore, specs.recore.components.schemas.MemberInput, 'bank_account_name'),
    ['ヤマダ タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'やまだ　たろう', 'YAMADA TARO', 'ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ', '（カ）ヤマダ－', 'Ｙａｍａｄａ１', null],
    ['山田太郎', 'ヤマダ々', 'ア'.repeat(31), '😀'],
  ],
  // Set_LoginInfo: -27003/-27004 say 半角英数字のみ20桁 (the table says 200).
  [
    'Set_LoginInfo user_loginid: half-width letters and digits, 20 at most',
    field(dtp, form('Set_LoginInfo'), 'user_loginid'),
    ['okamoto01', 'A'.repeat(20)],
    ['okamoto@example.jp', 'a'.repeat(21), '', 'ｏｋａｍｏｔｏ'],
  ],
  [
    'Set_LoginInfo user_pasword: half-width letters and digits, 20 at most',
    field(dtp, form('Set_LoginInfo'), 'user_pasword'),
    ['secret01', '1'.repeat(20)],
    ['secret-01', '1'.repeat(21)],
  ],
  // Set_OrderInfo Order[]: Price and Quantity are int(10).
  [
    'Set_OrderInfo Order[].Price: 10 digits',
    dtp.components.schemas.OrderLine.properties.Price,
    ['1000', 1000, 9_999_999_999, '-5'],
    [1e10, '12345678901', '1.5', 'abc'],
  ],
  [
    'Set_OrderInfo Order[].Quantity: 10 digits',
    dtp.components.schemas.OrderLine.properties.Quantity,
    ['1', 9_999_999_999],
    [1e10, '99999999999'],
  ],
  // D.T.P integers in answers: the table's digits.
  [
    'Get_UserPoint Point: 10 digits',
    field(dtp, rows('Get_UserPoint', 'UserPoint'), 'Point'),
    ['4250', 4250, -9_999_999_999],
    ['99999999999', 1e10],
  ],
  ['Get_UserPoint PointRate: 3 digits', field(dtp, rows('Get_UserPoint', 'UserPoint'), 'PointRate'), ['11', 999], ['1000', 1000]],
  [
    'Get_UserPoint_Rireki register_no: 14 digits',
    field(dtp, rows('Get_UserPoint_Rireki', 'UserPointRireki'), 'register_no'),
    [28351, '99999999999999'],
    [1e14, '100000000000000'],
  ],
  [
    'StatusCode: 0 or a negative code of up to 5 digits',
    dtp.components.schemas.StatusCode,
    [0, '0', -26002, '-26002', -99999],
    [1, '1', -100000, '-100000'],
  ],
  // Get_UserInfo2: Gender 0/1/2, Segment 0/1/2/4/9, dates YYYYMMDD.
  ['Get_UserInfo2 Gender: 0, 1 or 2', field(dtp, dtp.components.schemas.Customer, 'Gender'), [0, 1, 2, '0', '2'], [3, '3', -1]],
  ['Get_UserInfo2 Segment: 0, 1, 2, 4 or 9', field(dtp, dtp.components.schemas.Customer, 'Segment'), [0, 1, 2, 4, 9, '4'], [3, '3', 5, 10]],
  [
    'Get_UserInfo2 Birth: YYYYMMDD (or nothing)',
    field(dtp, dtp.components.schemas.Customer, 'Birth'),
    ['19910101', '', '.'],
    ['1991-01-01', '1991010', '199101011'],
  ],
  ['Set_UserInfo2 Segment: the values the answers name', field(dtp, form('Set_UserInfo2'), 'Segment'), [1, '9', 4], [3, '7']],
  ['Set_UserInfo2 Gender: 0, 1 or 2', field(dtp, form('Set_UserInfo2'), 'Gender'), ['1', 2], ['3']],
  // Get_ProductCategory: ITM (the request's table) and ITEM (the answer's table and the table it reads).
  [
    'Get_ProductCategory Kubun: ITM and ITEM both',
    field(dtp, form('Get_ProductCategory'), 'Kubun'),
    ['BRD', 'ITM', 'ITEM', 'B01', 'B06'],
    ['B07', 'itm', 'K01'],
  ],
  [
    'Get_ProductCategory KubunCode: ITEM is an answer',
    field(dtp, rows('Get_ProductCategory', 'Category'), 'KubunCode'),
    ['ITEM', 'BRD'],
    [],
  ],
  // Formats the vendor never states are ours (marked inferred), and still checked.
  [
    'Set_UserPoint sales_date: 8 digits (inferred)',
    field(dtp, form('Set_UserPoint'), 'sales_date'),
    ['20140401'],
    ['2014/04/01', '201404'],
  ],
  ['Get_SalesInfo2 count: digits (inferred)', field(dtp, form('Get_SalesInfo2'), 'count'), ['10', '0'], ['ten', '1000']],
  // Lengths of tables without a 最大桁数 column are not borrowed from a sibling's.
  [
    'Get_ProvPoint Memo: no length (Get_UserPoint: 400)',
    field(dtp, rows('Get_ProvPoint', 'UserProvPoint'), 'Memo'),
    ['.', 'メ'.repeat(401)],
    [],
  ],
  ['Get_UserPoint Memo: 400', field(dtp, rows('Get_UserPoint', 'UserPoint'), 'Memo'), ['メ'.repeat(400)], ['メ'.repeat(401)]],
  [
    'Get_UserPoint_Rireki2 notes: no length (Get_UserPoint_Rireki: 200)',
    field(dtp, rows('Get_UserPoint_Rireki2', 'UserPointRireki'), 'notes'),
    ['備'.repeat(201)],
    [],
  ],
  [
    'Get_UserPoint_Rireki notes: 200',
    field(dtp, rows('Get_UserPoint_Rireki', 'UserPointRireki'), 'notes'),
    ['備'.repeat(200)],
    ['備'.repeat(201)],
  ],
  ['Set_ProvPoint sales_shop: no length', field(dtp, form('Set_ProvPoint'), 'sales_shop'), ['店'.repeat(9)], []],
  // Answers require no field the vendor never says is always there.
  ['Get_UserPoint rows: none required', rows('Get_UserPoint', 'UserPoint'), [{}, { Code: '1' }], [{ Point: 'x' }]],
  ['Get_Shops rows: none required', rows('Get_Shops', 'Shops'), [{}, { Code: '001' }], []],
  ['Get_HintInfo rows: none required', rows('Get_HintInfo', 'Hints'), [{ HintCode: '01' }], []],
  ['Get_SalesInfo rows: none required', rows('Get_SalesInfo', 'Sales'), [{ ShopCode: '0001' }], []],
  ['Get_SalesInfo2 rows: none required', rows('Get_SalesInfo2', 'Sales'), [{ division: '10' }], [{ division: '12' }]],
  ['Get_UserPoint_Rireki rows: none required', rows('Get_UserPoint_Rireki', 'UserPointRireki'), [{ get_point: 59 }], []],
  ['Get_UserInfo2 User: none required', dtp.components.schemas.Customer, [{ Name: '岡本' }], []],
  ['Attribute: the ID is not required', dtp.components.schemas.Attribute, [{ AttrName: '新宿店' }], []],
  // Every answer carries StatusCode and Status (inferred from every table and example).
  [
    'Every answer: StatusCode and Status',
    answer('Get_UserPoint'),
    [{ StatusCode: '0', Status: 'OK' }],
    [{ Status: 'OK' }, { StatusCode: 0 }],
  ],
  // Pittaly: a page number from 1 (inferred).
  ['Pittaly page: from 1', specs['pittaly-order'].components.schemas.CustomerStoreItemSearch, [{ page: 1 }], [{ page: 0 }, {}]],
];

describe.each(cases)('%s', (_, schema, valid, invalid) => {
  const validate = ajv.compile(schema);
  it.each(valid.map((value) => [JSON.stringify(value)?.slice(0, 60), value]))('accepts %s', (_, value) => {
    expect(validate(value) ? [] : validate.errors).toEqual([]);
  });
  if (invalid.length > 0)
    it.each(invalid.map((value) => [JSON.stringify(value)?.slice(0, 60), value]))('refuses %s', (_, value) => {
      expect(validate(value)).toBe(false);
    });
});

describe('a check the vendor states comes from its statement; one it does not is marked inferred', () => {
  const marked = (schema: any) => schema['x-akinai-inferred'] ?? schema['x-akinai-source'];
  it.each([
    ['Set_UserPoint sales_date', field(dtp, form('Set_UserPoint'), 'sales_date'), 'x-akinai-inferred'],
    ['Set_UserPoint2 sales_date', field(dtp, form('Set_UserPoint2'), 'sales_date'), 'x-akinai-inferred'],
    ['Set_ProvPoint sales_date', field(dtp, form('Set_ProvPoint'), 'sales_date'), 'x-akinai-inferred'],
    ['Set_OrderInfo Sales_days', field(dtp, form('Set_OrderInfo'), 'Sales_days'), 'x-akinai-inferred'],
    ['Get_SalesInfo2 count', field(dtp, form('Get_SalesInfo2'), 'count'), 'x-akinai-inferred'],
    ['Get_LcsOrderList count', field(dtp, form('Get_LcsOrderList'), 'count'), 'x-akinai-inferred'],
    ['Set_LoginInfo user_loginid (a status text)', field(dtp, form('Set_LoginInfo'), 'user_loginid'), 'x-akinai-inferred'],
    ['Get_LcsOrderList dstart (its table)', field(dtp, form('Get_LcsOrderList'), 'dstart'), 'x-akinai-source'],
    ['Set_PointMst (its table)', form('Set_PointMst'), 'x-akinai-source'],
    [
      'ReCORE bank_account_name',
      field(specs.recore, specs.recore.components.schemas.MemberInput, 'bank_account_name'),
      'x-akinai-inferred',
    ],
    ['ReCORE postal_code (its table)', field(specs.recore, specs.recore.components.schemas.MemberInput, 'postal_code'), 'x-akinai-source'],
  ])('%s', (_, schema, mark) => {
    expect(schema[mark]).toMatch(/./);
    expect(marked(schema)).toBeTypeOf('string');
  });
});

describe('vendor contradictions are recorded', () => {
  const operation = (command: string) => dtp.paths[`/${command}.aspx`].post;
  it.each([
    ['Set_ToriokiNew', /Set_ToriokiNew\.spx/],
    ['Get_CouponDiscountAmount', /Get_CouponDiscountAmount\.spx/],
    ['Get_ToriokiStatus', /拡張子なし/],
    ['Get_LcsOrderStatus', /拡張子なし/],
    ['Set_OrderInfo', /拡張子なし/],
    ['Set_UserMerge', /Set_ UserMerge\.aspx/],
  ])('%s: the page name its example uses', (command, text) => {
    expect(operation(command)['x-akinai-inferred']).toMatch(text);
  });
  it('7.2: `user_ loginid`, with a space', () => {
    expect(field(dtp, form('Get_UserToken'), 'user_loginid')['x-akinai-inferred']).toMatch(/user_ loginid/);
  });
  it("-34003: the example's text beside the table's", () => {
    const examples = operation('Set_Delcoupon').responses['200'].content['application/json'].examples;
    expect(examples.vendor_manual_failure.value).toEqual({ StatusCode: -34003, Status: '顧客CDが間違っています' });
    expect(examples['code-34003'].value.Status).toBe('顧客CDが存在しません');
  });
  it("-48001: the table's (mode=Cの場合) is a condition, not the server's text", () => {
    expect(operation('Set_PointMst').description).toMatch(/mode=Cの場合/);
    expect(operation('Set_PointMst').responses['200'].content['application/json'].examples['code-48001'].value.Status).toBe(
      'コードが重複しています。',
    );
  });
});
