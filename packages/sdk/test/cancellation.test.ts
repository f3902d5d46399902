// Cancellation and time reach everything a call does: D.T.P's implicit login runs under the call's
// signal, timeout and retry budget; an aborted call waiting for its rate-limit turn leaves at once;
// timeouts out of setTimeout's range are refused instead of silently becoming 1 ms.
import { describe, expect, it } from 'vitest';
import { AbortError, createDtpLcvClient, TimeoutError } from '../src/dtp-lcv/index.js';
import { createRecoreClient } from '../src/recore/index.js';
import { dtpHandler, json, serverPerTest } from './helpers/server.js';

const serve = serverPerTest();
/** A D.T.P whose Auth never answers. */
const hangingAuth = () => serve(() => {});
const dtp = (url: string, options: { timeout?: number; maxRetries?: number } = {}) =>
  createDtpLcvClient({ baseUrl: url, loginId: 'system', password: 'pw', logLevel: 'off', ...options });

describe("D.T.P's implicit login", () => {
  it("stops with the call's signal", async () => {
    const { url } = await hangingAuth();
    const started = Date.now();
    const error = await dtp(url)
      .POST('/Get_Shops.aspx', { signal: AbortSignal.timeout(300) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("keeps to the call's timeout and retry budget", async () => {
    const { url, requests } = await hangingAuth();
    const started = Date.now();
    await expect(dtp(url).POST('/Get_Shops.aspx', { timeout: 300, maxRetries: 0 })).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(requests.map((r) => r.url)).toEqual(['/Auth.aspx']);
  });

  it('an already aborted signal sends nothing, not even Auth', async () => {
    const { url, requests } = await serve(dtpHandler());
    await expect(dtp(url).POST('/Get_Shops.aspx', { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });

  it('one caller giving up does not stop the login another caller waits for', async () => {
    // Auth is answered only once the test says so, however late the request arrives.
    let releaseAuth = () => {};
    const authReleased = new Promise<void>((resolve) => {
      releaseAuth = resolve;
    });
    const { url, requests } = await serve((req, res, i, body) => {
      if (req.url!.endsWith('/Auth.aspx')) void authReleased.then(() => dtpHandler()(req, res, i, body));
      else dtpHandler()(req, res, i, body);
    });
    const lcv = dtp(url);
    const controller = new AbortController();
    const first = lcv.POST('/Get_Shops.aspx', { signal: controller.signal });
    const second = lcv.POST('/Get_Shops.aspx');
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await expect(first).rejects.toBeInstanceOf(AbortError);
    releaseAuth();
    expect((await second).data).toMatchObject({ StatusCode: 0 });
    expect(requests.filter((r) => r.url.endsWith('/Auth.aspx'))).toHaveLength(1);
  });
});

describe('the rate limiter', () => {
  it('a call aborted while it waits in line settles at once and frees its place', async () => {
    const { url, requests } = await serve((_, res) => json(res, 200, { id: 1 }));
    const recore = createRecoreClient({ apiKey: 'k', baseUrl: url, logLevel: 'off' });
    const get = (signal?: AbortSignal) =>
      recore.GET('/members/{member_id}', { params: { path: { member_id: 1 } }, ...(signal && { signal }) });
    // ReCORE reads: 5 a second. The first five go now; the next ones wait in line for about a second.
    await Promise.all(Array.from({ length: 5 }, () => get()));
    const ahead = [get(), get()];
    const controller = new AbortController();
    const settled = get(controller.signal).catch((e: unknown) => [e, Date.now()] as const);
    const behind = get();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const aborted = Date.now();
    controller.abort();
    const [error, at] = (await settled) as readonly [unknown, number];
    expect(error).toBeInstanceOf(AbortError);
    expect(at - aborted).toBeLessThan(50);
    await Promise.all([...ahead, behind]);
    expect(requests).toHaveLength(8); // the aborted call never went out; the one behind it did
  });
});

describe('timeouts and counts are checked when given', () => {
  it.each([0, -1, Number.NaN, 1.5, 2 ** 31, Infinity])('timeout %s is refused', (timeout) => {
    expect(() => createRecoreClient({ apiKey: 'k', timeout })).toThrow(
      /timeout must be a whole number of milliseconds from 1 to 2147483647/,
    );
  });

  it('per call too, before anything is sent', async () => {
    const { url, requests } = await serve((_, res) => json(res, 200, {}));
    const recore = createRecoreClient({ apiKey: 'k', baseUrl: url, logLevel: 'off' });
    await expect(recore.GET('/members', { timeout: 2 ** 31 })).rejects.toThrow(TypeError);
    await expect(recore.GET('/members', { maxRetries: -1 })).rejects.toThrow(TypeError);
    expect(requests).toHaveLength(0);
  });
});
