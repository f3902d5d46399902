// The client against a real loopback server that we control: what it sends, how it pages, how it fails.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ApiError, createRecoreClient, PaginationError } from '../src/recore/index.js';

type Page = { status?: number; body: unknown; nextCursor?: string };
let server: Server;
let baseUrl: string;
let pages: Record<string, Page>;
let requests: IncomingMessage[];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request);
    const cursor = new URL(request.url ?? '/', 'http://x').searchParams.get('cursor') ?? '';
    const page = pages[cursor] ?? { status: 500, body: { error: { code: 'NO_SUCH_PAGE', message: cursor } } };
    response.writeHead(page.status ?? 200, {
      'content-type': 'application/json',
      ...(page.nextCursor !== undefined && { 'x-next-cursor': page.nextCursor }),
    });
    response.end(JSON.stringify(page.body));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  requests = [];
});

const member = (id: number) => ({ id, code: `M${id}` });

it('sends the API key as X-Identification and the store as X-Store-Id', async () => {
  pages = { '': { body: [] } };
  const recore = createRecoreClient({ apiKey: 'eyJ0.key', storeId: 3, baseUrl });
  await recore.GET('/members');
  expect(requests[0]?.headers['x-identification']).toBe('eyJ0.key');
  expect(requests[0]?.headers['x-store-id']).toBe('3');
});

it('sends no X-Store-Id unless given one', async () => {
  pages = { '': { body: [] } };
  await createRecoreClient({ apiKey: 'k', baseUrl }).GET('/members');
  expect(requests[0]?.headers).not.toHaveProperty('x-store-id');
});

it('paginate follows X-Next-Cursor across pages, keeping the filters', async () => {
  pages = {
    '': { body: [member(1), member(2)], nextCursor: 'c2' },
    c2: { body: [member(3)], nextCursor: 'c3' },
    c3: { body: [member(4)], nextCursor: '' },
  };
  const recore = createRecoreClient({ apiKey: 'k', baseUrl });
  const ids = [];
  for await (const m of recore.paginate('/members', { params: { query: { statuses: 'ACTIVE', limit: 2 } } })) ids.push(m.id);
  expect(ids).toEqual([1, 2, 3, 4]);
  const queries = requests.map((r) => new URL(r.url ?? '', 'http://x').searchParams);
  expect(queries.map((q) => q.get('cursor'))).toEqual([null, 'c2', 'c3']);
  expect(queries.every((q) => q.get('statuses') === 'ACTIVE' && q.get('limit') === '2')).toBe(true);
});

it('paginate stops when the header is absent', async () => {
  pages = { '': { body: [member(1)] } };
  const all = [];
  for await (const m of createRecoreClient({ apiKey: 'k', baseUrl }).paginate('/members')) all.push(m);
  expect(all).toHaveLength(1);
});

it('paginate refuses a repeated cursor instead of looping', async () => {
  pages = {
    '': { body: [member(1)], nextCursor: 'a' },
    a: { body: [member(2)], nextCursor: 'b' },
    b: { body: [member(3)], nextCursor: 'a' },
  };
  const seen: number[] = [];
  const iterate = async () => {
    for await (const m of createRecoreClient({ apiKey: 'k', baseUrl }).paginate('/members')) seen.push(m.id);
  };
  await expect(iterate()).rejects.toThrow(PaginationError);
  expect(seen).toEqual([1, 2, 3]);
  expect(requests).toHaveLength(3);
});

it('paginate stops at maxItems without fetching further pages', async () => {
  pages = { '': { body: [member(1), member(2)], nextCursor: 'c2' }, c2: { body: [member(3)] } };
  const all = [];
  for await (const m of createRecoreClient({ apiKey: 'k', baseUrl }).paginate('/members', {}, { maxItems: 2 })) all.push(m);
  expect(all.map((m) => m.id)).toEqual([1, 2]);
  expect(requests).toHaveLength(1);
});

it('a failing page throws ApiError with status, code and body, without the API key', async () => {
  pages = {
    '': { body: [member(1)], nextCursor: 'c2' },
    c2: { status: 429, body: { error: { code: 'TOO_MANY_REQUESTS', message: '多すぎます' } } },
  };
  const iterate = async () => {
    for await (const _ of createRecoreClient({ apiKey: 'secret-jwt', baseUrl }).paginate('/members'));
  };
  const error = await iterate().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', operation: 'listMembers' });
  expect((error as ApiError).message).toBe('listMembers failed with HTTP 429 TOO_MANY_REQUESTS: 多すぎます');
  expect(JSON.stringify(error) + String(error)).not.toContain('secret-jwt');
});

it('requires an API key', () => {
  expect(() => createRecoreClient({ apiKey: '' })).toThrow(/apiKey is required/);
});
