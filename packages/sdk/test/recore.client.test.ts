// The ReCORE client against loopback servers: what it sends, and how it pages.
import { expect, it } from 'vitest';
import { type ApiError, createRecoreClient, PaginationError, RateLimitError } from '../src/recore/index.js';
import { json, serverPerTest, type Handler } from './helpers/server.js';

const startServer = serverPerTest();
async function serve(handler: Handler) {
  const server = await startServer(handler);
  return { ...server, recore: createRecoreClient({ apiKey: 'eyJ0.key', baseUrl: server.url, logLevel: 'off' }) };
}
const query = (url: string) => new URL(url, 'http://x').searchParams;
const member = (id: number) => ({ id, code: `M${id}` });

/** Answers GET /members by cursor: pages[cursor] = [items, next cursor]. */
function byCursor(pages: Record<string, [unknown[], string?]>): Handler {
  return (req, res) => {
    const page = pages[query(req.url ?? '').get('cursor') ?? ''];
    if (!page) return json(res, 500, { error: { code: 'NO_SUCH_PAGE', message: '' } });
    json(res, 200, page[0], page[1] === undefined ? {} : { 'x-next-cursor': page[1] });
  };
}

it('sends the API key as X-Identification and the store as X-Store-Id', async () => {
  const server = await startServer((_, res) => json(res, 200, []));
  await createRecoreClient({ apiKey: 'eyJ0.key', storeId: 3, baseUrl: server.url }).GET('/members');
  await createRecoreClient({ apiKey: 'eyJ0.key', baseUrl: server.url }).GET('/members');
  expect(server.requests[0]?.headers).toMatchObject({ 'x-identification': 'eyJ0.key', 'x-store-id': '3' });
  expect(server.requests[1]?.headers).not.toHaveProperty('x-store-id');
});

it('requires an API key', () => {
  expect(() => createRecoreClient({ apiKey: '' })).toThrow(/apiKey is required/);
});

it('paginate follows X-Next-Cursor across pages, keeping the filters', async () => {
  const { recore, requests } = await serve(
    byCursor({ '': [[member(1), member(2)], 'c2'], c2: [[member(3)], 'c3'], c3: [[member(4)], ''] }),
  );
  const ids = [];
  for await (const m of recore.paginate('/members', { params: { query: { statuses: 'ACTIVE', limit: 2 } } })) ids.push(m.id);
  expect(ids).toEqual([1, 2, 3, 4]);
  expect(requests.map((r) => query(r.url).get('cursor'))).toEqual([null, 'c2', 'c3']);
  expect(requests.every((r) => query(r.url).get('statuses') === 'ACTIVE' && query(r.url).get('limit') === '2')).toBe(true);
});

it('paginate stops when X-Next-Cursor is absent', async () => {
  const { recore } = await serve(byCursor({ '': [[member(1)]] }));
  const all = [];
  for await (const m of recore.paginate('/members')) all.push(m);
  expect(all).toHaveLength(1);
});

it('paginate refuses a repeated cursor instead of looping', async () => {
  const { recore, requests } = await serve(byCursor({ '': [[member(1)], 'a'], a: [[member(2)], 'b'], b: [[member(3)], 'a'] }));
  const seen: number[] = [];
  const iterate = async () => {
    for await (const m of recore.paginate('/members')) seen.push(m.id);
  };
  await expect(iterate()).rejects.toThrow(PaginationError);
  expect(seen).toEqual([1, 2, 3]);
  expect(requests).toHaveLength(3);
});

it('paginate stops at maxItems without fetching further pages', async () => {
  const { recore, requests } = await serve(byCursor({ '': [[member(1), member(2)], 'c2'], c2: [[member(3)]] }));
  const all = [];
  for await (const m of recore.paginate('/members', {}, { maxItems: 2 })) all.push(m.id);
  expect(all).toEqual([1, 2]);
  expect(requests).toHaveLength(1);
});

it("paginate pages the notes by number until a short page (the spec's page style)", async () => {
  const notes = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, staff: null, note: `メモ${i + 1}`, created_at: null }));
  const { recore, requests } = await serve((req, res) => {
    const page = Number(query(req.url ?? '').get('page'));
    json(res, 200, notes.slice((page - 1) * 2, page * 2));
  });
  const ids = [];
  for await (const note of recore.paginate('/members/{member_id}/notes', { params: { path: { member_id: 1 }, query: { limit: 2 } } })) {
    ids.push(note.id);
  }
  expect(ids).toEqual([1, 2, 3, 4, 5]);
  expect(requests.map((r) => query(r.url).get('page'))).toEqual(['1', '2', '3']);
});

it('paginate refuses a page that repeats the previous one (a server that ignores page)', async () => {
  const { recore, requests } = await serve((_, res) => json(res, 200, [{ id: 1, staff: null, note: 'x', created_at: null }]));
  const iterate = async () => {
    for await (const _ of recore.paginate('/members/{member_id}/notes', { params: { path: { member_id: 1 }, query: { limit: 1 } } }));
  };
  await expect(iterate()).rejects.toThrow(/Page 2 repeats page 1/);
  expect(requests).toHaveLength(2);
});

it('a failing page throws its typed error', async () => {
  const { recore } = await serve((req, res) =>
    query(req.url ?? '').get('cursor') === 'c2'
      ? json(res, 429, { error: { code: 'TOO_MANY_REQUESTS', message: '多すぎます' } }, { 'retry-after': '600' })
      : json(res, 200, [member(1)], { 'x-next-cursor': 'c2' }),
  );
  const iterate = async () => {
    for await (const _ of recore.paginate('/members'));
  };
  const error = await iterate().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect(error).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS', operation: 'listMembers' });
  expect((error as ApiError).message).toBe('listMembers (GET /members) failed with HTTP 429 TOO_MANY_REQUESTS: 多すぎます');
});
