// Credentials go to the origin of the client's baseUrl and nowhere else: a server that redirects to
// another origin (a real second loopback server, on another port or another host name) never sees
// the API key, the Basic credentials or the D.T.P login form.
import { describe, expect, it } from 'vitest';
import { createDtpLcvClient } from '../src/dtp-lcv/index.js';
import { createPittalyOrderClient, RedirectError as PittalyRedirectError } from '@akinai/sdk/pittaly-order';
import { createRecoreClient, RedirectError } from '../src/recore/index.js';
import { dtpAnswer, dtpHandler, json, serverPerTest } from './helpers/server.js';

const serve = serverPerTest();
const KEY = 'eyJhbGciOiJIUzI1NiJ9.origin-lock.sig';
const member = { id: 219, code: 'MB1ISH1TFC20' };
const recore = (baseUrl: string) => createRecoreClient({ apiKey: KEY, baseUrl, rateLimit: false, logLevel: 'off' });
const getMember = (baseUrl: string) => recore(baseUrl).GET('/members/{member_id}', { params: { path: { member_id: 219 } } });
/** A server that redirects every request to `target` with `status`. */
const redirecting = (status: number, target: () => string) =>
  serve((_, res) => {
    res.writeHead(status, { location: target() });
    res.end();
  });

describe('a redirect to another origin is refused, and nothing is sent there', () => {
  it.each([301, 302, 303, 307, 308])('ReCORE GET, HTTP %i', async (status) => {
    const other = await serve((_, res) => json(res, 200, member));
    const { url } = await redirecting(status, () => `${other.url}/members/219?token=leak`);
    const error = await getMember(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status, location: `${other.url}/members/219?token=[REDACTED]` });
    expect(other.requests).toHaveLength(0);
    expect(String(error)).not.toContain(KEY);
  });

  it('the same port under another host name is another origin', async () => {
    const other = await serve((_, res) => json(res, 200, member));
    const { url } = await redirecting(302, () => other.url.replace('127.0.0.1', 'localhost'));
    await expect(getMember(url)).rejects.toBeInstanceOf(RedirectError);
    expect(other.requests).toHaveLength(0);
  });

  it.each([307, 308])(
    'D.T.P Auth answered with %i: the login form is not posted elsewhere, no cookie is taken from there',
    async (status) => {
      const other = await serve(dtpHandler());
      const { url, requests } = await redirecting(status, () => `${other.url}/Auth.aspx`);
      const lcv = createDtpLcvClient({ baseUrl: url, loginId: 'system', password: 'p4ss-word', logLevel: 'off' });
      await expect(lcv.POST('/Get_Shops.aspx')).rejects.toBeInstanceOf(RedirectError);
      expect(other.requests).toHaveLength(0);
      expect(requests.map((r) => r.url)).toEqual(['/Auth.aspx']); // the command never ran without a session
    },
  );

  it('Pittaly Order (node:http) with Basic credentials', async () => {
    const other = await serve((_, res) => json(res, 200, { totalCount: 0 }));
    const { url } = await redirecting(302, () => `${other.url}/customer_store_items`);
    const pittaly = createPittalyOrderClient({ email: 'a@example.jp', password: 'secret-pw', baseUrl: url, logLevel: 'off' });
    await expect(pittaly.GET('/customer_store_items', { body: { page: 1 } })).rejects.toBeInstanceOf(PittalyRedirectError);
    expect(other.requests).toHaveLength(0);
  });
});

describe('redirects on the same origin', () => {
  it('a GET follows them, credentials included, up to five in a row', async () => {
    const { url, requests } = await serve((req, res) => {
      const hop = Number(new URL(req.url!, 'http://x').searchParams.get('hop') ?? 0);
      if (hop < 5) {
        res.writeHead(hop % 2 ? 307 : 301, { location: `/members/219?hop=${hop + 1}` });
        return res.end();
      }
      json(res, 200, member);
    });
    const { data } = await getMember(url);
    expect(data).toEqual(member);
    expect(requests).toHaveLength(6);
    expect(requests.every((r) => r.headers['x-identification'] === KEY)).toBe(true);
  });

  it('a sixth redirect in a row is refused', async () => {
    const { url, requests } = await serve((_, res) => {
      res.writeHead(302, { location: '/members/219' });
      res.end();
    });
    await expect(getMember(url)).rejects.toThrow(/more than 5 redirects/);
    expect(requests).toHaveLength(6);
  });

  it('a 307 of a POST is refused: it would send the write again', async () => {
    const { url, requests } = await serve((_, res) => {
      res.writeHead(307, { location: '/members/1/notes-elsewhere' });
      res.end();
    });
    const note = recore(url).POST('/members/{member_id}/notes', { params: { path: { member_id: 1 } }, body: { note: 'メモ' } });
    await expect(note).rejects.toThrow(/would resend the POST body/);
    expect(requests).toHaveLength(1);
  });

  it('a D.T.P session cookie set by the origin is kept; a 303 after a command is read as GET', async () => {
    const { url, requests } = await serve((req, res, _, body) => {
      if (req.url!.endsWith('/Auth.aspx')) return dtpAnswer(res, { StatusCode: '0', Status: 'OK' }, { session: 's1' });
      if (req.method === 'POST') {
        res.writeHead(303, { location: `${req.url}?done` });
        return res.end();
      }
      dtpAnswer(res, { StatusCode: '0', Status: 'OK', Category: [], echo: body });
    });
    const lcv = createDtpLcvClient({ baseUrl: url, loginId: 'system', password: 'pw', logLevel: 'off' });
    const { data } = await lcv.POST('/Get_Shops.aspx');
    expect(data).toMatchObject({ StatusCode: 0 });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /Auth.aspx', 'POST /Get_Shops.aspx', 'GET /Get_Shops.aspx?done']);
    expect(requests[2]!.headers.cookie).toContain('ASP.NET_SessionId=s1');
  });
});
