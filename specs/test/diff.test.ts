// The breaking-change rules, proven on a catalogue of mutations of the real ReCORE bundle: each mutation
// with the verdict it must get. GitHub's ten rules, tightened constraints, security, servers, and the
// non-breaking and docs-only changes that must not be flagged.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compare } from '../diff/compare.mjs';

type Doc = any;
const bundled: Doc = JSON.parse(readFileSync(new URL('../dist/recore.openapi.json', import.meta.url), 'utf8'));
const schemas = (doc: Doc) => doc.components.schemas;
const op = (doc: Doc, path: string, method: string) => doc.paths[path][method];
/** If `property` has `value`, `required` is required too: JSON, as an object literal with `then` is a thenable to Biome. */
const condition = (property: string, value: unknown, required: string) =>
  JSON.parse(`{"if": {"properties": {"${property}": {"const": ${JSON.stringify(value)}}}}, "then": {"required": ["${required}"]}}`);

interface Case {
  name: string;
  head?: (doc: Doc) => void;
  base?: (doc: Doc) => void;
  verdict: 'breaking' | 'non-breaking' | 'docs';
  rule: string;
}

const catalogue: Case[] = [
  // GitHub's ten.
  { name: 'operation removed', head: (d) => delete d.paths['/members/point'].put, verdict: 'breaking', rule: 'operation-removed' },
  {
    name: 'operationId renamed',
    head: (d) => (op(d, '/members', 'get').operationId = 'searchMembers'),
    verdict: 'breaking',
    rule: 'operationId-renamed',
  },
  {
    name: 'path parameter renamed',
    head: (d) => {
      d.paths['/members/{id}'] = d.paths['/members/{member_id}'];
      delete d.paths['/members/{member_id}'];
    },
    verdict: 'breaking',
    rule: 'path-parameter-renamed',
  },
  {
    name: 'request body newly required',
    base: (d) => (op(d, '/members', 'post').requestBody.required = false),
    verdict: 'breaking',
    rule: 'request-body-now-required',
  },
  {
    name: 'new required request property',
    head: (d) => (schemas(d).MemberNoteInput.required = ['note', 'staff_id']),
    verdict: 'breaking',
    rule: 'request-property-now-required',
  },
  {
    name: 'response field removed',
    head: (d) => delete schemas(d).Member.properties.alias_code,
    verdict: 'breaking',
    rule: 'response-property-removed',
  },
  {
    name: 'response field type changed',
    head: (d) => (schemas(d).Member.properties.id.type = 'string'),
    verdict: 'breaking',
    rule: 'response-type-changed',
  },
  {
    name: 'response field no longer required',
    head: (d) => (schemas(d).Member.required = schemas(d).Member.required.filter((n: string) => n !== 'code')),
    verdict: 'breaking',
    rule: 'response-property-no-longer-required',
  },
  {
    name: 'component removed',
    head: (d) => {
      delete d.components.examples.MemberListBeforeLineUserId;
      delete op(d, '/members', 'get').responses['200'].content['application/json'].examples.before_line_user_id;
    },
    verdict: 'breaking',
    rule: 'component-removed',
  },
  {
    name: 'enum value removed from a request',
    head: (d) => (schemas(d).MemberStatusInput.enum = ['TENTATIVE', 'ACTIVE']),
    verdict: 'breaking',
    rule: 'request-enum-value-removed',
  },
  // Tightened constraints.
  {
    name: 'maxLength tightened',
    head: (d) => (schemas(d).MemberInput.properties.last_name.maxLength = 40),
    verdict: 'breaking',
    rule: 'request-maxLength-tightened',
  },
  {
    name: 'pattern added',
    head: (d) => (schemas(d).MemberInput.properties.address1.pattern = '^[^<>]*$'),
    verdict: 'breaking',
    rule: 'request-pattern-changed',
  },
  {
    name: 'maxItems tightened',
    head: (d) => (op(d, '/members/bulk', 'post').requestBody.content['application/json'].schema.maxItems = 500),
    verdict: 'breaking',
    rule: 'request-maxItems-tightened',
  },
  {
    name: 'minimum raised',
    head: (d) => (schemas(d).MemberPointUpdate.properties.amount.minimum = 10),
    verdict: 'breaking',
    rule: 'request-minimum-tightened',
  },
  {
    name: 'an inclusive minimum made exclusive',
    head: (d) => {
      delete schemas(d).MemberPointUpdate.properties.amount.minimum;
      schemas(d).MemberPointUpdate.properties.amount.exclusiveMinimum = 1;
    },
    verdict: 'breaking',
    rule: 'request-minimum-tightened',
  },
  {
    name: 'limit maximum lowered (a parameter)',
    head: (d) => (d.components.parameters.Limit.schema.maximum = 100),
    verdict: 'breaking',
    rule: 'request-maximum-tightened',
  },
  {
    name: 'new required query parameter',
    head: (d) => op(d, '/members', 'get').parameters.push({ name: 'company', in: 'query', required: true, schema: { type: 'string' } }),
    verdict: 'breaking',
    rule: 'new-required-parameter',
  },
  {
    name: 'security narrowed (a new scope)',
    head: (d) => op(d, '/members', 'get').security[0].RecoreApiKey.push('member:admin'),
    verdict: 'breaking',
    rule: 'security-narrowed',
  },
  { name: 'server removed', head: (d) => (d.servers = [{ url: 'https://api.example.jp' }]), verdict: 'breaking', rule: 'server-removed' },
  {
    name: 'success status changed',
    head: (d) => {
      const r = op(d, '/members', 'post').responses;
      r['200'] = r['201'];
      delete r['201'];
    },
    verdict: 'breaking',
    rule: 'success-response-removed',
  },
  {
    name: 'response enum value added',
    head: (d) => schemas(d).MemberStatus.enum.push('SUSPENDED'),
    verdict: 'breaking',
    rule: 'response-enum-value-added',
  },
  {
    name: 'pattern changed otherwise',
    base: (d) => (schemas(d).MemberInput.properties.address1.pattern = '^[0-9]{3}$'),
    head: (d) => (schemas(d).MemberInput.properties.address1.pattern = '^[0-9]{3}-?$'),
    verdict: 'breaking',
    rule: 'request-pattern-changed',
  },
  {
    name: 'response enum removed (alternatives made one schema)',
    base: (d) => (schemas(d).Member.properties.sex = { oneOf: [{ $ref: '#/components/schemas/Sex' }, { type: 'null' }] }),
    verdict: 'breaking',
    rule: 'response-enum-removed',
  },
  {
    name: 'response format removed',
    base: (d) => (schemas(d).Member.properties.birthdate.format = 'date'),
    verdict: 'breaking',
    rule: 'response-format-removed',
  },
  {
    name: 'request format added',
    head: (d) => (schemas(d).MemberInput.properties.address1.format = 'email'),
    verdict: 'breaking',
    rule: 'request-format-changed',
  },
  {
    name: 'request type narrowed (null no longer accepted)',
    head: (d) => (schemas(d).MemberInput.properties.tel.type = 'string'),
    verdict: 'breaking',
    rule: 'request-type-narrowed',
  },
  {
    name: 'a new required property reached through allOf',
    head: (d) => (schemas(d).MemberInput.required = ['status']),
    verdict: 'breaking',
    rule: 'request-property-now-required',
  },
  // Not breaking.
  {
    name: 'new optional request property',
    head: (d) => (schemas(d).MemberInput.properties.nickname = { type: 'string' }),
    verdict: 'non-breaking',
    rule: 'request-property-added',
  },
  {
    name: 'new response property',
    head: (d) => (schemas(d).Member.properties.nickname = { type: ['string', 'null'] }),
    verdict: 'non-breaking',
    rule: 'response-property-added',
  },
  {
    name: 'new operation',
    head: (d) =>
      (d.paths['/members/{member_id}'].delete = { operationId: 'deleteMember', responses: { '204': { description: '削除した' } } }),
    verdict: 'non-breaking',
    rule: 'operation-added',
  },
  {
    name: 'a conditional requirement added to a request',
    head: (d) => Object.assign(schemas(d).MemberPointUpdate, condition('mode', 'ADD', 'expires_on')),
    verdict: 'breaking',
    rule: 'request-condition-added',
  },
  {
    name: 'a conditional requirement of a request changed',
    base: (d) => Object.assign(schemas(d).MemberPointUpdate, condition('mode', 'ADD', 'expires_on')),
    head: (d) => Object.assign(schemas(d).MemberPointUpdate, condition('mode', 'SUB', 'expires_on')),
    verdict: 'breaking',
    rule: 'request-condition-changed',
  },
  {
    name: 'a conditional requirement removed from a response',
    base: (d) => Object.assign(schemas(d).MemberPoint, condition('total', 0, 'details')),
    verdict: 'breaking',
    rule: 'response-condition-removed',
  },
  {
    name: 'maxLength loosened',
    head: (d) => (schemas(d).MemberInput.properties.last_name.maxLength = 100),
    verdict: 'non-breaking',
    rule: 'request-maxLength-loosened',
  },
  {
    name: 'enum value added to a request',
    head: (d) => schemas(d).MemberStatusInput.enum.push('MERGED'),
    verdict: 'non-breaking',
    rule: 'request-enum-value-added',
  },
  {
    name: 'response field now always present',
    head: (d) => schemas(d).Member.required.push('line_user_id'),
    verdict: 'non-breaking',
    rule: 'response-property-now-required',
  },
  {
    name: 'request type widened',
    head: (d) => (schemas(d).MemberInput.properties.is_optout.type = ['boolean', 'null']),
    verdict: 'non-breaking',
    rule: 'request-type-widened',
  },
  {
    name: 'new optional query parameter',
    head: (d) => op(d, '/members', 'get').parameters.push({ name: 'rank_ids', in: 'query', schema: { type: 'string' } }),
    verdict: 'non-breaking',
    rule: 'parameter-added',
  },
  {
    name: 'pattern loosened: the empty string accepted too',
    base: (d) => (schemas(d).MemberInput.properties.address1.pattern = '^[0-9]{8}$'),
    head: (d) => (schemas(d).MemberInput.properties.address1.pattern = '^([0-9]{8})?$'),
    verdict: 'non-breaking',
    rule: 'request-pattern-loosened',
  },
  {
    name: 'pattern loosened: an optional part added',
    base: (d) => (schemas(d).MemberInput.properties.address1.pattern = '^-?[0-9]+$'),
    head: (d) => (schemas(d).MemberInput.properties.address1.pattern = '^-?[0-9]+(\\.[0-9]+)?$'),
    verdict: 'non-breaking',
    rule: 'request-pattern-loosened',
  },
  {
    name: 'a bound beside a $ref (3.1) tightened',
    head: (d) =>
      (op(d, '/members/point', 'put').requestBody.content['application/json'].schema = {
        $ref: '#/components/schemas/MemberPointUpdate',
        maxProperties: 3,
      }),
    verdict: 'breaking',
    rule: 'request-maxProperties-tightened',
  },
  {
    name: 'a conditional requirement removed from a request',
    base: (d) => Object.assign(schemas(d).MemberPointUpdate, condition('mode', 'ADD', 'expires_on')),
    verdict: 'non-breaking',
    rule: 'request-condition-removed',
  },
  {
    name: 'pattern loosened: an optional character added',
    base: (d) => (schemas(d).MemberInput.properties.address1.pattern = '^[0-9]{1,10}$'),
    head: (d) => (schemas(d).MemberInput.properties.address1.pattern = '^-?[0-9]{1,10}$'),
    verdict: 'non-breaking',
    rule: 'request-pattern-loosened',
  },
  {
    name: 'a minimum replaced by a lower exclusive one',
    head: (d) => {
      delete schemas(d).MemberPointUpdate.properties.amount.minimum;
      schemas(d).MemberPointUpdate.properties.amount.exclusiveMinimum = -10;
    },
    verdict: 'non-breaking',
    rule: 'request-minimum-loosened',
  },
  {
    name: 'request enum removed',
    head: (d) => delete schemas(d).MemberStatusInput.enum,
    verdict: 'non-breaking',
    rule: 'request-enum-removed',
  },
  {
    name: 'a server variable gains a value',
    head: (d) =>
      (d.servers = [
        { url: d.servers[0].url.replace(/^https/, '{scheme}'), variables: { scheme: { default: 'https', enum: ['https', 'http'] } } },
      ]),
    verdict: 'non-breaking',
    rule: 'server-added',
  },
  {
    name: 'new error response',
    head: (d) => (op(d, '/members', 'get').responses['500'] = { description: '障害' }),
    verdict: 'non-breaking',
    rule: 'response-added',
  },
  // Docs only.
  {
    name: 'description reworded',
    head: (d) => (schemas(d).Member.properties.tel.description = '電話番号（ハイフンあり・なし）。'),
    verdict: 'docs',
    rule: 'description-changed',
  },
  { name: 'summary reworded', head: (d) => (op(d, '/members', 'get').summary = '会員を探す'), verdict: 'docs', rule: 'summary-changed' },
  {
    name: 'example changed',
    head: (d) => (d.components.examples.Member.value.code = 'MB0000000001'),
    verdict: 'docs',
    rule: 'examples-changed',
  },
];

/** The worst level among the findings, as a release would see it. */
const verdictOf = (findings: { level: string }[]) =>
  findings.some((f) => f.level === 'breaking')
    ? 'breaking'
    : findings.some((f) => f.level === 'non-breaking')
      ? 'non-breaking'
      : findings.length
        ? 'docs'
        : 'none';

describe('the catalogue of mutations', () => {
  it.each(catalogue.map((c) => [c.name, c] as const))('%s', (_, { head, base, verdict, rule }) => {
    const before = structuredClone(bundled);
    const after = structuredClone(bundled);
    base?.(before);
    head?.(after);
    const findings = compare(before, after);
    expect(verdictOf(findings), JSON.stringify(findings, null, 1)).toBe(verdict);
    expect(findings.map((f) => f.rule)).toContain(rule);
  });
});

it('finds nothing between a spec and itself', () => {
  expect(compare(bundled, structuredClone(bundled))).toEqual([]);
});

it('terminates on recursive schemas and still sees changes inside them', () => {
  const recursive = (doc: Doc) => {
    schemas(doc).MemberRank.properties.parent = { oneOf: [{ $ref: '#/components/schemas/MemberRank' }, { type: 'null' }] };
    return doc;
  };
  const before = recursive(structuredClone(bundled));
  const after = recursive(structuredClone(bundled));
  delete schemas(after).MemberRank.properties.name;
  const findings = compare(before, after);
  expect(findings.filter((f) => f.rule === 'response-property-removed').length).toBeGreaterThan(0);
});
