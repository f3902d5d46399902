// What D.T.P's description promises a client that is not ours (issue 19): every command but Auth
// documents what it answers without a session (a -NN098 row of its table, with its example); every
// command's answer documents the mock's x-akinai-warning; a numeric form field accepts a value as a
// number exactly when it accepts it as the digits a form sends; either-or fields are stated as such;
// the description names a contact.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { dereference, propertiesOf, resolve } from '../lib/document.js';

const spec = JSON.parse(readFileSync(new URL('../dist/dtp-lcv.openapi.json', import.meta.url), 'utf8'));
const inlined = dereference(spec);
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const commands = Object.entries(spec.paths as Record<string, { post: any }>).map(
  ([path, { post }]) => [post.operationId as string, path, post] as const,
);
const form = (operation: any) => resolve(spec, operation.requestBody)?.content?.['application/x-www-form-urlencoded'];
const inlinedForm = (path: string) => inlined.paths[path].post.requestBody?.content?.['application/x-www-form-urlencoded'];

describe('without a session, every command but Auth answers its own -NN098 at HTTP 200', () => {
  it.each(commands.filter(([name]) => name !== 'Auth'))('%s', (_, _path, operation) => {
    const table: { code: number; to?: number; sessionLost?: boolean }[] = operation['x-akinai-status-codes'];
    const lost = table.filter((row) => row.sessionLost);
    expect(lost).toHaveLength(1);
    expect(-lost[0]!.code % 100, "the band's 98th code").toBe(98);
    const examples = resolve(spec, operation.responses['200']).content['application/json'].examples;
    expect(examples[`code${lost[0]!.code}`]?.value).toMatchObject({
      StatusCode: lost[0]!.code,
      Status: '内部エラー:セッションの接続が切れています',
    });
  });
});

it.each(commands)("%s documents the mock's x-akinai-warning on its answer", (_, _path, operation) => {
  const header = resolve(spec, resolve(spec, operation.responses['200']).headers?.['x-akinai-warning']);
  expect(header?.schema).toMatchObject({ type: 'string' });
  expect(header['x-akinai-inferred']).toMatch(/akinai/);
});

describe('a numeric form field accepts a number exactly when it accepts its digits', () => {
  const fields = commands.flatMap(([name, path, operation]) =>
    form(operation)
      ? Object.entries(propertiesOf(inlined, inlinedForm(path).schema))
          .filter(([, schema]) => [schema.type].flat().some((type) => type === 'integer' || type === 'number'))
          .map(([field, schema]) => [`${name} ${field}`, schema] as const)
      : [],
  );
  const values = [0, 1, 9, 10, 42, 99, 9999, 10_000, 1.5, -1, -42, 9_999_999_999, 10_000_000_000, -9_999_999_999, -10_000_000_000];
  values.push(99_999_999_999_999, 100_000_000_000_000);

  it('there are such fields, and those with a digit limit bound the number too', () => {
    expect(fields.length).toBeGreaterThan(20);
    for (const [name, schema] of fields)
      if (schema.enum === undefined && /\{1,\d+\}/.test(schema.pattern ?? '')) {
        expect(schema.minimum ?? schema.exclusiveMinimum, name).toBeTypeOf('number');
        expect(schema.maximum ?? schema.exclusiveMaximum, name).toBeTypeOf('number');
        expect(schema.maxLength, `${name}: a maxLength does not bound a number`).toBeUndefined();
      }
  });

  it.each(fields)('%s', (_, schema) => {
    const validate = ajv.compile(schema);
    const disagree = values.filter((value) => validate(value) !== validate(String(value)));
    expect(disagree).toEqual([]);
  });
});

describe('a field one of which is required is stated so: {} is no valid request', () => {
  it.each([['/Get_UserPoint.aspx'], ['/Get_ProvPoint.aspx'], ['/Get_CouponDiscountAmount.aspx']])('%s', (path) => {
    const validate = ajv.compile(inlinedForm(path).schema);
    expect(validate({})).toBe(false);
  });
  it.each([['/Get_UserPoint.aspx'], ['/Get_ProvPoint.aspx']])('%s: user_code or user_tel, or both', (path) => {
    const validate = ajv.compile(inlinedForm(path).schema);
    expect([{ user_code: '1' }, { user_tel: '090' }, { user_code: '1', user_tel: '090' }].map((form) => validate(form))).toEqual([
      true,
      true,
      true,
    ]);
  });
});

it('names a contact: the vendor’s page, marked inferred (the vendor names no support page)', () => {
  expect(spec.info.contact).toMatchObject({
    name: expect.stringMatching(/ディー・ティー・ピー/),
    url: expect.stringMatching(/^https:\/\//),
  });
  expect(spec.info.contact['x-akinai-inferred']).toBeTypeOf('string');
});

describe('the charset of every form is stated where tools read it: an encoding per field', () => {
  it.each(commands.filter(([, , operation]) => form(operation)))('%s', (_, path, operation) => {
    const media = form(operation);
    const fields = Object.keys(propertiesOf(inlined, inlinedForm(path).schema));
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields)
      expect(media.encoding?.[field]?.contentType, field).toMatch(/^(text\/plain|application\/json); charset=Shift_JIS$/);
    // The media type key stays the plain one: every generator keys the body by it.
    expect(Object.keys(resolve(spec, operation.requestBody).content)).toEqual(['application/x-www-form-urlencoded']);
  });
});
