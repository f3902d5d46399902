// The vendor's own examples against the contract: every 実行例 of D.T.P's manual (section 7), its fields
// read as the API's request binding reads them (any case, the other names the vendor uses), validates
// against its command's form schema; every parseable 結果例 validates against the command's answer. Where
// the manual elides fields (`****`, `…`), those it does not show are taken from the command's own example.
// Fixtures: test/fixtures/dtp-lcv-manual.json (scripts/extract-dtp-lcv-manual.mjs).
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { canonicalFields, canonicalPath, requestBinding } from '../lib/binding.js';

interface Fixture {
  commands: {
    section: string;
    command: string;
    statusCodes: { code: number; to?: number; status: string }[];
    requests: { raw: string; path: string; params: [string, string][]; normalized: string[] }[];
    responses: { label?: string; raw: string; json?: unknown; unparseable?: string }[];
  }[];
}
const fixture: Fixture = JSON.parse(readFileSync(new URL('./fixtures/dtp-lcv-manual.json', import.meta.url), 'utf8'));
const spec = JSON.parse(readFileSync(new URL('../dist/dtp-lcv.openapi.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(spec, 'spec');
const pointer = (...keys: string[]) => `spec#/${keys.map((key) => key.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
const validator = (...keys: string[]) => ajv.getSchema(pointer(...keys)) ?? ajv.compile({ $ref: pointer(...keys) });

const requests = fixture.commands.flatMap(({ section, command, requests }) =>
  requests.map((request) => ({ section, command, ...request })),
);
const responses = fixture.commands.flatMap(({ section, command, responses }) =>
  responses.filter((response) => response.json !== undefined).map((response) => ({ section, command, ...response })),
);

it('the fixtures hold every example of the manual: 54 requests and 94 parseable answers of 104', () => {
  expect(requests).toHaveLength(54);
  expect(responses).toHaveLength(94);
  expect(fixture.commands.flatMap((c) => c.responses)).toHaveLength(104);
});

it('the API declares its binding: POST or GET, names in any case, Shift_JIS', () => {
  expect(requestBinding(spec)).toEqual({ methods: ['POST', 'GET'], parameterNames: 'case-insensitive', charset: 'Shift_JIS' });
  expect(spec['x-akinai-request-binding']['x-akinai-inferred']).toMatch(/ASP\.NET/);
});

describe('every example request is a valid request of its command', () => {
  it.each(requests.map((r) => [`${r.section} ${r.command} ${r.raw.slice(r.raw.indexOf('/isql/api/') + 10, 90)}`, r] as const))(
    '%s',
    (_, request) => {
      const path = canonicalPath(spec, request.path);
      expect(path, `${request.path} is no command's page`).toBe(`/${request.command}.aspx`);
      const operation = spec.paths[path!].post;
      if (!operation.requestBody) return expect(request.params, 'fields sent to a command that takes none').toEqual([]);
      const media = operation.requestBody.content['application/x-www-form-urlencoded'];
      const elided = request.normalized.includes('elision') ? Object.values<any>(media.examples)[0].value : {};
      const form = { ...elided, ...Object.fromEntries(canonicalFields(spec, operation, request.params)) };
      const validate = validator('paths', path!, 'post', 'requestBody', 'content', 'application/x-www-form-urlencoded', 'schema');
      expect(validate(form) ? [] : validate.errors).toEqual([]);
    },
  );
});

describe('every parseable example answer is a valid answer of its command', () => {
  it.each(responses.map((r) => [`${r.section} ${r.command} ${r.label ?? ''}`, r] as const))('%s', (_, response) => {
    const path = `/${response.command}.aspx`;
    const validate = validator('paths', path, 'post', 'responses', '200', 'content', 'application/json', 'schema');
    expect(validate(response.json) ? [] : validate.errors).toEqual([]);
  });
});

describe("every command's StatusCode table is the manual's", () => {
  const space = (text: string) => text.replace(/\s+/g, ' ').trim();
  const commands = fixture.commands.map((c) => [c.command, c] as const);
  it.each(commands)('%s', (command, { statusCodes: manual }) => {
    const table: { code: number; to?: number; status: string; inferred?: boolean }[] =
      spec.paths[`/${command}.aspx`].post['x-akinai-status-codes'] ?? [];
    const key = (row: { code: number; to?: number }) => `${row.code}${row.to === undefined ? '' : `…${row.to}`}`;
    const ours = new Map(table.map((row) => [key(row), row]));
    for (const row of manual) {
      expect(ours.get(key(row)), `${key(row)} of the manual`).toMatchObject({ status: space(row.status) });
      expect(ours.get(key(row))?.inferred, `${key(row)} is the manual's, not inferred`).toBeUndefined();
    }
    const documented = new Set(manual.map(key));
    for (const row of table.filter((r) => !documented.has(key(r))))
      expect(row.inferred, `${key(row)} is not in the manual: mark it inferred`).toBe(true);
  });
});
