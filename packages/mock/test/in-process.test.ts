// The mock in-process: createMockFetch and a running mock's `fetch` answer as its server over loopback —
// the same validation, state, vendor errors, controls — with nothing listening.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockFetch, type RunningMock, startMock } from '../src/index.js';

const RECORE = { 'x-identification': 'eyJ0.e30.sig', 'content-type': 'application/json' };
const BASIC = { authorization: `Basic ${Buffer.from('u@example.jp:p').toString('base64')}`, 'content-type': 'application/json' };

describe('createMockFetch', () => {
  it('serves ReCORE: reads, writes that later reads show, its refusals and the controls', async () => {
    const fetch = createMockFetch('recore', { validateResponses: true });
    const read = await fetch('http://recore.invalid/members/219', { headers: RECORE });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await read.json()).toMatchObject({ id: 219, code: 'MB1ISH1TFC20' });

    const created = await fetch('http://recore.invalid/members', {
      method: 'POST',
      headers: RECORE,
      body: JSON.stringify({ last_name: '髙橋' }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect(await (await fetch(`http://recore.invalid/members/${id}`, { headers: RECORE })).json()).toMatchObject({ last_name: '髙橋' });

    const refused = await fetch('http://recore.invalid/members', { method: 'POST', headers: RECORE, body: '{"sex":"NEITHER"}' });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe('VALIDATE_FAILED');

    expect((await fetch('http://recore.invalid/__akinai/reset', { method: 'POST' })).status).toBe(204);
    expect((await fetch(`http://recore.invalid/members/${id}`, { headers: RECORE })).status).toBe(404);
  });

  it('serves Pittaly’s search, a GET with a JSON body, as its server does', async () => {
    const fetch = createMockFetch('pittaly-order');
    const search = await fetch('http://pittaly.invalid/customer_store_items', { method: 'GET', headers: BASIC, body: '{"page":1}' });
    expect(search.status).toBe(200);
    expect(await search.json()).toMatchObject({ totalCount: 3, current_page: 1 });
  });

  it('serves D.T.P: Auth’s cookies, Shift_JIS forms, the session-lost code without them', async () => {
    const fetch = createMockFetch('dtp-lcv');
    const auth = await fetch('http://dtp.invalid/Auth.aspx', {
      method: 'POST',
      body: new URLSearchParams({ login_id: 'a', password: 'b' }),
    });
    expect(auth.headers.getSetCookie().map((cookie) => cookie.split('=')[0])).toEqual(['ASP.NET_SessionId', '.ASPXAUTH']);
    const cookie = auth.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const form = (fields: Record<string, string>) =>
      Object.entries(fields)
        .map(
          ([name, value]) => `${name}=${[...iconv.encode(value, 'Shift_JIS')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`,
        )
        .join('&');
    const points = await fetch('http://dtp.invalid/Get_UserPoint.aspx', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ user_code: '1234567890123' }),
    });
    expect(await points.json()).toMatchObject({ StatusCode: '0', UserPoint: [{ Point: '4250' }] });
    const lost = await fetch('http://dtp.invalid/Get_UserPoint.aspx', { method: 'POST', body: new URLSearchParams({ user_code: '1' }) });
    expect(lost.status).toBe(200);
    expect(Number((await lost.json()).StatusCode)).toBe(-8098);
  });

  it('takes a Request, and honours an abort', async () => {
    const fetch = createMockFetch('recore');
    const answer = await fetch(new Request('http://recore.invalid/members/219', { headers: RECORE }));
    expect(answer.status).toBe(200);
    const aborted = AbortSignal.abort();
    await expect(fetch('http://recore.invalid/members/219', { headers: RECORE, signal: aborted })).rejects.toThrow(/abort/i);
  });

  it('refuses an unknown API at once', () => {
    expect(() => createMockFetch('nope' as never)).toThrow(/Unknown API "nope"/);
  });
});

describe('a running mock’s fetch', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock('recore', { validateResponses: true });
  });
  afterAll(() => mock.close());

  it('shares the state of the mock it belongs to, both ways', async () => {
    const created = await mock.fetch(`${mock.url}/members`, { method: 'POST', headers: RECORE, body: '{"last_name":"in-process"}' });
    const { id } = await created.json();
    const overLoopback = await fetch(`${mock.url}/members/${id}`, { headers: RECORE });
    expect(await overLoopback.json()).toMatchObject({ last_name: 'in-process' });
    await fetch(`${mock.url}/members/${id}`, { method: 'PUT', headers: RECORE, body: '{"last_name":"changed"}' });
    expect(await (await mock.fetch(`${mock.url}/members/${id}`, { headers: RECORE })).json()).toMatchObject({ last_name: 'changed' });
  });
});
