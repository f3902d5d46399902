// ReCORE and Pittaly Order keep the contract for every client, not only ours: over plain HTTP on loopback,
// every answer of the stateful mock has a status its operation documents, a media type it documents and a
// body valid against that schema (checked with Ajv, JSON Schema 2020-12, independent of Prism); a write's
// record reads back valid; the spec's own request examples, sent as a contract-testing tool sends them, get
// their documented success on a fresh mock. And the state layer cannot be built to answer otherwise.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { resolve as resolveRef } from '@akinai/specs';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { specPath, startMock, type RunningMock } from '../src/index.js';
import { createClock } from '../src/clock.js';
import { createState, repliesOf, undocumentedReplies } from '../src/state/crud.js';
import { readModel } from '../src/state/model.js';
import { Store } from '../src/state/store.js';
import { vendorOf } from '../src/vendors/index.js';

type Api = 'recore' | 'pittaly-order';
const HEADERS: Record<Api, Record<string, string>> = {
  recore: { 'x-identification': 'eyJ0.e30.sig' },
  'pittaly-order': { authorization: 'Basic dTpw' },
};
const bundle = (api: string) => JSON.parse(readFileSync(specPath(api as Api), 'utf8'));

interface Answer {
  status: number;
  type: string | undefined;
  text: string;
  body: any;
}

/** One request over loopback: fetch, or node:http for a GET with a body (Pittaly's search; fetch refuses it). */
async function send(api: Api, url: string, method: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { ...HEADERS[api], ...(body !== undefined && { 'content-type': 'application/json' }) };
  const text = body === undefined ? undefined : JSON.stringify(body);
  if (method === 'GET' && text !== undefined) {
    return new Promise((done, fail) => {
      const req = request(url, { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(text)) } }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => done(answer(res.statusCode!, res.headers['content-type'], data)));
      });
      req.on('error', fail);
      req.end(text);
    });
  }
  const response = await fetch(url, { method, headers, ...(text !== undefined && { body: text }) });
  return answer(response.status, response.headers.get('content-type') ?? undefined, await response.text());
}

function answer(status: number, type: string | undefined, text: string): Answer {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = Symbol('not JSON');
  }
  return { status, type, text, body };
}

/** The contract of one API's answers, judged by Ajv 2020 against its bundled spec. */
function contractOf(document: any) {
  const Ajv = (Ajv2020 as any).default ?? Ajv2020;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const id = 'https://akinai.invalid/spec.json';
  ajv.addSchema(document, id, undefined, false);
  const pointerPart = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
  /** The operation's documented response for a status, as a JSON pointer into the document (through its $ref). */
  const responseAt = (path: string, method: string, status: number): string | undefined => {
    const response = document.paths[path][method].responses[String(status)];
    if (!response) return undefined;
    return response.$ref ? response.$ref.slice(1) : `/paths/${pointerPart(path)}/${method}/responses/${status}`;
  };
  return {
    /** What is wrong with an answer of an operation: its status, media type or body; undefined when it keeps the contract. */
    check(path: string, method: string, got: Answer): string | undefined {
      const operation = document.paths[path][method];
      const pointer = responseAt(path, method, got.status);
      if (!pointer) return `${operation.operationId}: ${got.status} is not documented (${Object.keys(operation.responses)})`;
      const response = resolveRef(document, operation.responses[String(got.status)]);
      const media = Object.keys(response.content ?? {});
      if (media.length === 0)
        return got.text === '' ? undefined : `${operation.operationId} ${got.status}: a body where none is documented`;
      const type = got.type?.split(';')[0]?.trim();
      if (!type || !media.includes(type)) return `${operation.operationId} ${got.status}: media type ${type} is not documented (${media})`;
      const validate = ajv.compile({ $ref: `${id}#${pointer}/content/${pointerPart(type)}/schema` });
      if (!validate(got.body)) return `${operation.operationId} ${got.status}: ${ajv.errorsText(validate.errors)}`;
      return undefined;
    },
  };
}

/** Every operation of a spec in the order the spec lists them (as tools that walk it, e.g. generate-arazzo, do). */
function operationsOf(document: any) {
  const methods = ['get', 'put', 'post', 'delete', 'patch'];
  return Object.entries<any>(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => methods.includes(method))
      .map((method) => ({ path, method, operation: item[method], item })),
  );
}

/** The request a tool makes from the spec's examples: each parameter's first example, the body's first example. */
function exampleRequest(document: any, { path, operation, item }: ReturnType<typeof operationsOf>[number]) {
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p: any) => resolveRef(document, p));
  const first = (holder: any) => {
    const example = Object.values<any>(holder?.examples ?? {})[0];
    return example === undefined ? holder?.example : resolveRef(document, example).value;
  };
  let url = path;
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    const value = first(parameter);
    if (value === undefined) continue;
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
    if (parameter.in === 'query') query.set(parameter.name, String(value));
  }
  const body = operation.requestBody && first(resolveRef(document, operation.requestBody).content['application/json']);
  const success = Number(Object.keys(operation.responses).find((status) => /^2\d\d$/.test(status)));
  return { url: query.size > 0 ? `${url}?${query}` : url, body, success };
}

describe.each<Api>(['recore', 'pittaly-order'])('%s', (api) => {
  const document = bundle(api);
  const contract = contractOf(document);
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock(api);
  });
  beforeEach(() => mock.reset());
  afterAll(() => mock?.close());

  /** Sends a request and asserts the answer keeps the contract of the operation it is for. */
  async function kept(path: string, method: string, url: string, body?: unknown) {
    const got = await send(api, `${mock.url}${url}`, method.toUpperCase(), body);
    expect(contract.check(path, method, got), `${method.toUpperCase()} ${url}`).toBeUndefined();
    return got;
  }

  it('the documented examples, sent in the spec’s order, each get their documented success', async () => {
    const results = [];
    for (const op of operationsOf(document)) {
      const { url, body, success } = exampleRequest(document, op);
      const got = await kept(op.path, op.method, url, body);
      results.push(`${op.operation.operationId} ${got.status}`);
      expect(got.status, `${op.operation.operationId}: ${op.method.toUpperCase()} ${url} ${JSON.stringify(body)}`).toBe(success);
    }
    expect(results.length).toBe(operationsOf(document).length);
  });

  it('each documented example alone, on a fresh mock, gets its documented success (the examples name seeded records)', async () => {
    for (const op of operationsOf(document)) {
      mock.reset();
      const { url, body, success } = exampleRequest(document, op);
      expect((await kept(op.path, op.method, url, body)).status, op.operation.operationId).toBe(success);
    }
  });
});

describe('ReCORE: answers nobody documented', () => {
  const document = bundle('recore');
  const contract = contractOf(document);
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock('recore');
  });
  beforeEach(() => mock.reset());
  afterAll(() => mock?.close());
  const kept = async (path: string, method: string, url: string, body?: unknown) => {
    const got = await send('recore', `${mock.url}${url}`, method.toUpperCase(), body);
    expect(contract.check(path, method, got), `${method.toUpperCase()} ${url}`).toBeUndefined();
    return got;
  };

  it('PUT /members/bulk naming an unknown member: the documented 404 with its JSON body; nobody is changed', async () => {
    const got = await kept('/members/bulk', 'put', '/members/bulk', [
      { id: 219, status: 'LEAVE' },
      { id: 987654, status: 'LEAVE' },
    ]);
    expect(got).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(got.type).toMatch(/^application\/json/);
    expect((await kept('/members/{member_id}', 'get', '/members/219')).body.status).toBe('ACTIVE');
  });

  it('PUT /members/point matching no member: the documented 404 with its JSON body', async () => {
    for (const query of [{ ids: [987654] }, { codes: ['NONE'] }, { alias_codes: ['none'] }, {}]) {
      const got = await kept('/members/point', 'put', '/members/point', { amount: 1, mode: 'ADD', note: 'x', query });
      expect(got).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
      expect(got.type).toMatch(/^application\/json/);
    }
  });

  it('POST /members {} creates a valid member: status ACTIVE (the spec’s inferred default), line_user_id null', async () => {
    const { body: created } = await kept('/members', 'post', '/members', {});
    expect(created).toMatchObject({ status: 'ACTIVE', line_user_id: null, point: null, attachments: [], is_optout: false });
    expect((await kept('/members', 'post', '/members', { status: 'TENTATIVE' })).body.status).toBe('TENTATIVE');
    await kept('/members/{member_id}', 'get', `/members/${created.id}`);
  });

  it('every write answers within the contract, and every read after it too', async () => {
    const writes: [string, string, string, unknown][] = [
      ['/members', 'post', '/members', {}],
      [
        '/members',
        'post',
        '/members',
        { last_name: '山田', first_kana: 'タロウ', sex: null, birthdate: '1990-01-01', is_invoice_provider: true },
      ],
      ['/members/bulk', 'post', '/members/bulk', [{}, { status: 'LEAVE', line_user_id: `U${'a'.repeat(32)}` }]],
      ['/members/bulk', 'put', '/members/bulk', [{ id: 219, tel: '0311112222' }]],
      ['/members/{member_id}', 'put', '/members/219', {}],
      ['/members/{member_id}', 'put', '/members/219', { status: 'LEAVE', alias_code: null }],
      ['/members/point', 'put', '/members/point', { amount: 5, mode: 'ADD', type: 'PAID', note: 'x', query: { ids: [219] } }],
      ['/members/point', 'put', '/members/point', { amount: 10_000, mode: 'SUB', note: 'x', query: { ids: [219] } }],
      ['/members/{member_id}/attachments', 'post', '/members/219/attachments', { file_key: 'k.pdf', tag: 'GENERAL' }],
      ['/members/{member_id}/attachments', 'post', '/members/987654/attachments', { file_key: 'k.pdf', tag: 'GENERAL' }],
      ['/members/{member_id}/attachments/{attachment_id}', 'delete', '/members/219/attachments/179', undefined],
      ['/members/{member_id}/attachments/{attachment_id}', 'delete', '/members/219/attachments/179', undefined],
      ['/members/{member_id}/notes', 'post', '/members/219/notes', { note: 'メモ' }],
      ['/members/{member_id}/notes/{note_id}', 'delete', '/members/219/notes/17', undefined],
      ['/members/{member_id}/notes/{note_id}', 'delete', '/members/219/notes/17', undefined],
    ];
    for (const [path, method, url, body] of writes) {
      await kept(path, method, url, body);
      await kept('/members', 'get', '/members?limit=250');
      await kept('/members/{member_id}', 'get', '/members/219');
      await kept('/members/{member_id}/notes', 'get', '/members/219/notes');
    }
    const { body: members } = await kept('/members', 'get', '/members?limit=250');
    for (const member of members) await kept('/members/{member_id}', 'get', `/members/${member.id}`);
  });
});

describe('Pittaly Order: every write and the reads after it keep the contract', () => {
  const document = bundle('pittaly-order');
  const contract = contractOf(document);
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock('pittaly-order');
  });
  afterAll(() => mock?.close());

  it('creates, updates, deletes and batches; each answer and each search after it is valid', async () => {
    const kept = async (path: string, method: string, url: string, body?: unknown) => {
      const got = await send('pittaly-order', `${mock.url}${url}`, method.toUpperCase(), body);
      expect(contract.check(path, method, got), `${method.toUpperCase()} ${url}`).toBeUndefined();
      return got;
    };
    const writes: [string, string, string, unknown][] = [
      ['/customer_store_items', 'post', '/customer_store_items', { customer_cd: '０１', store_cd: '', item_cd: '4901234567894' }],
      ['/customer_store_items/{id}', 'put', '/customer_store_items/1', { customer_cd: 'C9', store_cd: 'S9', item_cd: 'I9' }],
      ['/customer_store_items/{id}', 'put', '/customer_store_items/987654', { customer_cd: 'C9', store_cd: 'S9', item_cd: 'I9' }],
      [
        '/customer_store_items/batchUpload.json',
        'post',
        '/customer_store_items/batchUpload.json',
        { customer_store_items: [{ customer_cd: 'B', store_cd: 'S', item_cd: '1', delete: 0 }, { id: 2 }, { id: 987654, delete: 1 }] },
      ],
      ['/customer_store_items/{id}', 'delete', '/customer_store_items/3', undefined],
      ['/customer_store_items/{id}', 'delete', '/customer_store_items/3', undefined],
    ];
    for (const [path, method, url, body] of writes) {
      await kept(path, method, url, body);
      await kept('/customer_store_items', 'get', '/customer_store_items', { page: 1 });
      await kept('/customer_store_items', 'get', '/customer_store_items', { page: 2 });
    }
  });
});

describe('Pittaly Order: the examples name the seeded records', () => {
  const document = bundle('pittaly-order');
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock('pittaly-order');
  });
  afterAll(() => mock?.close());
  const example = (name: string) => document.components.examples[name].value;

  it('the search example finds a record; the batch example adds one and deletes 2 (by its codes) and 3 (by its id)', async () => {
    const ids = () => mock.state()['customer-store-items']!.map((record) => record.id);
    expect(ids()).toEqual([1, 2, 3]);
    const found = await send('pittaly-order', `${mock.url}/customer_store_items`, 'GET', example('CustomerStoreItemSearchRequest'));
    expect(found.body.totalCount).toBeGreaterThan(0);
    const batch = await send('pittaly-order', `${mock.url}/customer_store_items/batchUpload.json`, 'POST', example('BatchUploadRequest'));
    expect(batch.body).toEqual({ totalCount: 3 });
    expect(ids()).toEqual([1, 4]);
  });
});

describe('the state layer cannot answer what a route does not document', () => {
  const build = (api: string, edit: (document: any) => void = () => {}) => {
    const document = bundle(api);
    edit(document);
    const model = readModel(document);
    const vendor = vendorOf(api, document);
    for (const resource of vendor.resources ?? []) model.resources.set(resource.name, resource);
    const clock = createClock();
    return createState(document, model, new Store(model.resources, { maxRecords: 10, clock }), vendor, clock);
  };

  it.each(['recore', 'pittaly-order', 'dtp-lcv'])('%s: every reply of every route is documented, with a JSON body for errors', (api) => {
    const state = build(api);
    for (const route of state.model.routes) {
      expect(undocumentedReplies(state, route), route.operationId).toEqual([]);
      for (const { status } of repliesOf(state, route)) {
        const reply = state.documented(route, status);
        if (status >= 400) expect(reply.body, `${route.operationId} ${status}`).toBeDefined();
      }
    }
  });

  it('a spec whose route could get an undocumented 404, 429 or 400 is refused at start-up, naming it', () => {
    expect(() => build('recore', (document) => delete document.paths['/members/bulk'].put.responses['404'])).toThrow(
      /bulkUpdateMembers 404 \(no such members\): not documented/,
    );
    expect(() => build('pittaly-order', (document) => delete document.paths['/customer_store_items/{id}'].delete.responses['404'])).toThrow(
      /deleteCustomerStoreItem 404/,
    );
    expect(() => build('recore', (document) => delete document.paths['/members/{member_id}'].get.responses['429'])).toThrow(
      /getMember 429 \(over its rate limit\): not documented/,
    );
    expect(() => build('pittaly-order', (document) => delete document.paths['/customer_store_items'].post.responses['400'])).toThrow(
      /createCustomerStoreItem 400 \(a request the spec refuses\): not documented/,
    );
  });

  it('documented() refuses a status the route does not document', () => {
    const state = build('recore');
    const route = state.model.routes.find((r) => r.operationId === 'createMember')!;
    expect(() => state.documented(route, 404)).toThrow(/createMember .* documents no 404/);
  });
});
