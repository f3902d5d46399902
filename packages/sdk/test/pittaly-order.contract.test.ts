// Every Pittaly Order operation through the SDK against the real Prism mock, plus what only a
// loopback server can show: the GET body on the wire, and the browser build's refusal.
import { startMock, type RunningMock } from '@akinai/mock';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  BatchUploadError,
  createPittalyOrderClient,
  ValidationError,
  type BatchUploadRow,
  type PittalyOrderClient,
  type Schemas,
} from '@akinai/sdk/pittaly-order';
import { nodeTransport } from '../src/core/transport.node.js';
import { json, startServer } from './helpers/server.js';
import { through } from './helpers/mock-fetch.js';

let mock: RunningMock;
let pittaly: PittalyOrderClient;
/** Requests the client sent, as the mock received them (method, path, JSON body). */
const sent: { method: string; path: string; body: any }[] = [];

beforeAll(async () => {
  mock = await startMock('pittaly-order', { static: true }); // the spec's own answers: the contract, not the state
  pittaly = createPittalyOrderClient({
    email: 'pittaly@usknet.co.jp',
    password: 'abcde123',
    baseUrl: `${mock.url}`,
    logLevel: 'off',
    fetch: (url, init) => {
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      sent.push({ method: init.method!, path: new URL(url).pathname, body });
      return through(mock, nodeTransport)(url, init);
    },
  });
});
afterAll(() => mock?.close());

describe('Pittaly Order operations through the SDK', () => {
  it('listCustomerStoreItems sends its filters as a GET body', async () => {
    const { data, response } = await pittaly.GET('/customer_store_items', {
      body: { customer_cd: 'C001', updated_at: '2024/01/01', page: 1 },
    });
    expect(response.status).toBe(200);
    expectTypeOf(data).toEqualTypeOf<Schemas['CustomerStoreItemPage'] | undefined>();
    expect(data).toMatchObject({ totalCount: 2, current_page: 1, max_page: 2 });
    expect(sent.at(-1)).toEqual({
      method: 'GET',
      path: '/customer_store_items',
      body: { customer_cd: 'C001', updated_at: '2024/01/01', page: 1 },
    });
  });

  it('the mock validates the GET body: page is required', async () => {
    // @ts-expect-error page is required
    const { error } = await pittaly.GET('/customer_store_items', { body: { customer_cd: 'C001' } });
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('createCustomerStoreItem answers 201', async () => {
    const { data, response } = await pittaly.POST('/customer_store_items', {
      body: { customer_cd: 'C001', store_cd: 'S01', item_cd: '4901234567894' },
    });
    expect(response.status).toBe(201);
    expect(data?.id).toBe(1);
  });

  it('updateCustomerStoreItem answers 200', async () => {
    const { data, response } = await pittaly.PUT('/customer_store_items/{id}', {
      params: { path: { id: 1 } },
      body: { customer_cd: 'C001', store_cd: 'S03', item_cd: '4901234567894' },
    });
    expect(response.status).toBe(200);
    expect(data?.customer_cd).toBe('C001');
  });

  it('deleteCustomerStoreItem answers 204', async () => {
    const { data, response } = await pittaly.DELETE('/customer_store_items/{id}', { params: { path: { id: 1 } } });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });

  it('batchUploadCustomerStoreItems answers the count', async () => {
    const { data } = await pittaly.POST('/customer_store_items/batchUpload.json', {
      body: { customer_store_items: [{ customer_cd: 'C1', store_cd: 'S1', item_cd: 'I1', delete: 1 }, { id: 3 }] },
    });
    expect(data).toEqual({ totalCount: 3 });
  });

  it('uploads 250 rows in three requests, in order', async () => {
    const rows: BatchUploadRow[] = Array.from({ length: 250 }, (_, i) => ({ customer_cd: 'C1', store_cd: 'S1', item_cd: `I${i}` }));
    const before = sent.length;
    const report = await pittaly.uploadInBatches(rows);
    const batches = sent.slice(before).map((s) => s.body.customer_store_items.map((row: { item_cd: string }) => row.item_cd));
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat()).toEqual(rows.map((row) => ('item_cd' in row ? row.item_cd : '')));
    expect(report.batches.map(({ from, to }) => [from, to])).toEqual([
      [0, 100],
      [100, 200],
      [200, 250],
    ]);
    expect(report.totalCount).toBe(9); // the mock's example answers 3 per request
  });

  it('a failing batch stops the upload and says which rows were applied', async () => {
    const rows: BatchUploadRow[] = Array.from({ length: 250 }, (_, i) => ({ customer_cd: 'C1', store_cd: 'S1', item_cd: `I${i}` }));
    rows[150] = { id: 'not a number' } as unknown as BatchUploadRow;
    const before = sent.length;
    const error = await pittaly.uploadInBatches(rows).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchUploadError);
    const failure = error as BatchUploadError;
    expect(failure.applied).toEqual(rows.slice(0, 100));
    expect(failure.failed).toEqual(rows.slice(100, 200));
    expect(failure.notSent).toEqual(rows.slice(200));
    expect(failure.failedRange).toEqual([100, 200]);
    expect(failure.cause).toBeInstanceOf(ValidationError);
    expect(sent.length - before).toBe(2);
  });

  it("a missing Authorization header gets the mock's 401", async () => {
    const response = await fetch(`${mock.url}/customer_store_items/1`, { method: 'DELETE' });
    expect(response.status).toBe(401);
  });
});

describe('on the wire', () => {
  it('the GET body and the Basic credentials really reach a server', async () => {
    const server = await startServer((_, res) => json(res, 200, { totalCount: 0 }));
    try {
      const client = createPittalyOrderClient({ email: 'pittaly@usknet.co.jp', password: 'abcde123', baseUrl: server.url });
      await client.GET('/customer_store_items', { body: { store_cd: '渋谷店', page: 3 } });
      const [request] = server.requests;
      expect(request?.method).toBe('GET');
      expect(JSON.parse(request!.body)).toEqual({ store_cd: '渋谷店', page: 3 });
      expect(request?.headers['content-type']).toBe('application/json');
      expect(request?.headers['content-length']).toBe(String(Buffer.byteLength(request!.body)));
      expect(request?.headers.authorization).toBe('Basic cGl0dGFseUB1c2tuZXQuY28uanA6YWJjZGUxMjM='); // the vendor's own example
    } finally {
      await server.close();
    }
  });

  it("every request carries the header the vendor's pages show, the DELETE without a body too (x-akinai-request-headers)", async () => {
    const server = await startServer((request, res) =>
      request.method === 'DELETE' ? res.writeHead(204).end() : json(res, 200, { totalCount: 0 }),
    );
    try {
      const browser = await import(new URL('../dist/pittaly-order.js', import.meta.url).href);
      for (const create of [createPittalyOrderClient, browser.createPittalyOrderClient]) {
        const client = create({ email: 'pittaly@usknet.co.jp', password: 'abcde123', baseUrl: server.url, logLevel: 'off' });
        const { response } = await client.DELETE('/customer_store_items/{id}', { params: { path: { id: 3 } } });
        expect(response.status).toBe(204);
        // A call's own header still wins.
        await client.DELETE('/customer_store_items/{id}', {
          params: { path: { id: 3 } },
          headers: { 'Content-Type': 'application/x-ndjson' },
        });
      }
      const deletes = server.requests.filter((request) => request.method === 'DELETE');
      expect(deletes.map((request) => [request.body, request.headers['content-type']])).toEqual([
        ['', 'application/json'],
        ['', 'application/x-ndjson'],
        ['', 'application/json'],
        ['', 'application/x-ndjson'],
      ]);
    } finally {
      await server.close();
    }
  });

  it('the browser build refuses the GET body with a clear error, and sends the rest', async () => {
    const browser = await import(new URL('../dist/pittaly-order.js', import.meta.url).href);
    const client = browser.createPittalyOrderClient({
      email: 'pittaly@usknet.co.jp',
      password: 'abcde123',
      baseUrl: mock.url,
      logLevel: 'off',
    });
    const refused = await client.GET('/customer_store_items', { body: { page: 1 } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(browser.UnsupportedRequestError);
    expect((refused as Error).message).toMatch(/GET \/customer_store_items carries a JSON body.*Node\.js/);
    const { response } = await client.POST('/customer_store_items', { body: { customer_cd: 'C', store_cd: 'S', item_cd: 'I' } });
    expect(response.status).toBe(201);
  });
});
