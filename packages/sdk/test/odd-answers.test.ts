// Answers a real server should not send but some do: Retry-After values that are not RFC 9110's,
// D.T.P StatusCodes that are not codes, empty bodies where the spec documents one, and listings that
// mint cursors forever.
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../src/core/retry.js';
import { CommandError, createDtpLcvClient, InvalidResponseError } from '../src/dtp-lcv/index.js';
import { createRecoreClient } from '../src/recore/index.js';
import { dtpAnswer, dtpHandler, json, serverPerTest } from './helpers/server.js';

const serve = serverPerTest();

describe('Retry-After, as RFC 9110 writes it', () => {
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);
  it.each([
    ['120', 120_000],
    [' 3 ', 3_000],
    ['Wed, 25 Nov 2026 12:00:05 GMT', 5_000], // IMF-fixdate
    ['Wednesday, 25-Nov-26 12:00:07 GMT', 7_000], // RFC 850
    ['Wed Nov 25 12:00:09 2026', 9_000], // asctime, read as GMT
    ['Wed, 25 Nov 2026 11:00:00 GMT', 0], // in the past: no wait
  ])('%j → %i ms', (value, ms) => expect(parseRetryAfter(value, now)).toBe(ms));

  it.each([
    '-5',
    '1.5',
    '2, 2',
    '',
    'soon',
    '0x10',
    '2026-11-25T12:00:05Z',
    'Wed, 31 Nov 2026 12:00:05 GMT',
    'Wed, 25 Nov 2026 12:00:05 +0900',
  ])('%j is ignored', (value) => expect(parseRetryAfter(value, now)).toBeUndefined());

  it('an unreadable Retry-After falls back to the normal backoff instead of retrying at once', async () => {
    const arrivals: number[] = [];
    const { url } = await serve((_, res, i) => {
      arrivals.push(Date.now());
      return i === 0 ? json(res, 503, {}, { 'retry-after': '-5' }) : json(res, 200, { id: 1 });
    });
    await createRecoreClient({ apiKey: 'k', baseUrl: url, rateLimit: false, logLevel: 'off' }).GET('/members/{member_id}', {
      params: { path: { member_id: 1 } },
    });
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(350); // 0.5 s less at most 25 % jitter
  });
});

describe('D.T.P: only a recognizable zero is success', () => {
  const lcvOf = async (statusCode: unknown) => {
    const { url } = await serve(dtpHandler(() => ({ StatusCode: statusCode, Status: 'OK', Category: [] })));
    return createDtpLcvClient({ baseUrl: url, loginId: 'id', password: 'pw', logLevel: 'off' });
  };

  it.each([[null], [''], [' '], [false], [[]], ['abc'], [1.5], ['0.0'], [{}]])(
    'StatusCode %j is an InvalidResponseError',
    async (statusCode) => {
      const error = await (await lcvOf(statusCode)).POST('/Get_Shops.aspx').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
    },
  );

  it('a missing StatusCode, and a body that is not an object, likewise', async () => {
    const { url } = await serve((req, res) =>
      req.url!.endsWith('/Auth.aspx') ? dtpAnswer(res, { StatusCode: 0 }, { session: 's' }) : dtpAnswer(res, ['0']),
    );
    await expect(createDtpLcvClient({ baseUrl: url, loginId: 'id', password: 'pw' }).POST('/Get_Shops.aspx')).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
  });

  it.each([[0], ['0'], [' 0 ']])('StatusCode %j is success', async (statusCode) => {
    const { data } = await (await lcvOf(statusCode)).POST('/Get_Shops.aspx');
    expect(data?.StatusCode).toBe(0);
  });

  it('a numeric StatusCode, a quoted one elsewhere and a password of quotes: a CommandError, never a SyntaxError', async () => {
    const password = '"\\"0"';
    const { url } = await serve(
      dtpHandler(() => ({ StatusCode: -26002, Status: `bad ${password}`, Echo: { StatusCode: '-1', password } })),
    );
    const lcv = createDtpLcvClient({ baseUrl: url, loginId: 'id', password, logLevel: 'off' });
    const { error } = await lcv.POST('/Get_UserToken.aspx', { body: { user_loginid: 'a', user_pasword: 'b' } });
    expect(error).toBeInstanceOf(CommandError);
    expect(error?.body).toEqual({ StatusCode: -26002, Status: 'bad [REDACTED]', Echo: { StatusCode: '-1', password: '[REDACTED]' } });
  });

  it('an ordinary cookie is not a secret: it does not corrupt error bodies', async () => {
    const { url } = await serve((req, res) => {
      if (req.url!.endsWith('/Auth.aspx')) {
        res.writeHead(
          200,
          [
            ['content-type', 'application/json; charset=utf-8'],
            ['set-cookie', 'ASP.NET_SessionId=s9; path=/'],
            ['set-cookie', '.ASPXAUTH=a9; path=/'],
            ['set-cookie', 'lang=0; path=/'],
          ].flat(),
        );
        return res.end('{"StatusCode":0,"Status":"OK"}');
      }
      dtpAnswer(res, { StatusCode: '-26002', Status: 'ログインIDが存在しません', Count: '0' });
    });
    const { error } = await createDtpLcvClient({ baseUrl: url, loginId: 'id', password: 'pw' }).POST('/Get_UserToken.aspx', {
      body: { user_loginid: 'a', user_pasword: 'b' },
    });
    expect(error?.body).toEqual({ StatusCode: '-26002', Status: 'ログインIDが存在しません', Count: '0' });
  });
});

describe('empty bodies', () => {
  it('an empty 200 where the spec documents a body is an InvalidResponseError (data is never undefined)', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end();
    });
    const recore = createRecoreClient({ apiKey: 'k', baseUrl: url, rateLimit: false, logLevel: 'off', throwOnError: true });
    await expect(recore.GET('/members/{member_id}', { params: { path: { member_id: 1 } } })).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('an empty 204 where the spec documents none is fine', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(204);
      res.end();
    });
    const recore = createRecoreClient({ apiKey: 'k', baseUrl: url, rateLimit: false, logLevel: 'off', throwOnError: true });
    const { data } = await recore.DELETE('/members/{member_id}/notes/{note_id}', { params: { path: { member_id: 1, note_id: 2 } } });
    expect(data).toBeUndefined();
  });
});

describe('paginate against a server that never ends', () => {
  /** Every page empty, every page with a fresh cursor. */
  const endless = () => serve((_req, res) => json(res, 200, [], { 'x-next-cursor': `c${Math.random()}` }));
  /** Every page full, every page with a fresh cursor. */
  const bottomless = () => serve((_req, res, i) => json(res, 200, [{ id: i }], { 'x-next-cursor': `c${i}` }));
  const recore = (url: string) => createRecoreClient({ apiKey: 'k', baseUrl: url, rateLimit: false, logLevel: 'off' });

  it('an empty page ends the listing', async () => {
    const { url, requests } = await endless();
    const items = [];
    for await (const item of recore(url).paginate('/members')) items.push(item);
    expect(items).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('maxItems and maxPages stop it', async () => {
    const { url, requests } = await bottomless();
    const first = [];
    for await (const item of recore(url).paginate('/members', {}, { maxItems: 3 })) first.push(item.id);
    expect(first).toEqual([0, 1, 2]);
    const pages = [];
    for await (const item of recore(url).paginate('/members', {}, { maxPages: 2 })) pages.push(item.id);
    expect(pages).toHaveLength(2);
    expect(requests).toHaveLength(5);
    await expect(recore(url).paginate('/members', {}, { maxPages: 0 }).next()).rejects.toThrow(TypeError);
  });
});
