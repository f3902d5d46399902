// The shared runtime, through the ReCORE client, against real loopback servers that misbehave.
import { spawn } from 'node:child_process';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AbortError,
  ApiError,
  AuthError,
  ConflictError,
  ConnectionError,
  createRecoreClient,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type CallOptions,
  type RecoreClient,
  type RecoreClientOptions,
} from '../src/recore/index.js';
import { json, serverPerTest } from './helpers/server.js';

const SECRET = 'eyJhbGciOiJIUzI1NiJ9.SECRET-PAYLOAD.signature';
const member = { id: 219, code: 'MB1ISH1TFC20' };
const serve = serverPerTest();
/** A ReCORE client of the test server; the client-side rate limit is off except where it is tested. */
function client<Throw extends boolean = false>(url: string, options: Partial<RecoreClientOptions> & { throwOnError?: Throw } = {}) {
  return createRecoreClient<Throw>({ apiKey: SECRET, baseUrl: url, rateLimit: false, logLevel: 'off', ...options });
}
const getMember = (recore: RecoreClient, init: CallOptions & { signal?: AbortSignal } = {}) =>
  recore.GET('/members/{member_id}', { params: { path: { member_id: 219 } }, ...init });

describe('retries', () => {
  it('429 with Retry-After in seconds: waits as told, then succeeds', async () => {
    const { url, requests } = await serve((_, res, i) =>
      i === 0 ? json(res, 429, { error: { code: 'TOO_MANY_REQUESTS', message: '' } }, { 'retry-after': '1' }) : json(res, 200, member),
    );
    const started = Date.now();
    const { data } = await getMember(client(url));
    expect(data).toEqual(member);
    expect(requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('429 with Retry-After as an HTTP date', async () => {
    const { url, requests } = await serve((_, res, i) =>
      i === 0 ? json(res, 429, {}, { 'retry-after': new Date(Date.now() + 2_000).toUTCString() }) : json(res, 200, member),
    );
    const { data } = await getMember(client(url));
    expect(data).toEqual(member);
    expect(requests).toHaveLength(2);
  });

  it('a Retry-After beyond the 60 s cap is not waited for', async () => {
    const { url, requests } = await serve((_, res) => json(res, 429, {}, { 'retry-after': '120' }));
    const { error } = await getMember(client(url));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error?.retryAfterMs).toBe(120_000);
    expect(requests).toHaveLength(1);
  });

  it('rides out a burst of 503s', async () => {
    const { url, requests } = await serve((_, res, i) => (i < 2 ? json(res, 503, {}) : json(res, 200, member)));
    const { data } = await getMember(client(url));
    expect(data).toEqual(member);
    expect(requests).toHaveLength(3);
  });

  it('gives up after maxRetries, with the last error', async () => {
    const { url, requests } = await serve((_, res) => json(res, 503, { error: { code: 'MAINTENANCE', message: '保守中' } }));
    const { error } = await getMember(client(url, { maxRetries: 1 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, code: 'MAINTENANCE', operation: 'getMember' });
    expect(requests).toHaveLength(2);
  });

  it('maxRetries per call overrides the client', async () => {
    const { url, requests } = await serve((_, res) => json(res, 500, {}));
    await getMember(client(url, { maxRetries: 5 }), { maxRetries: 0 });
    expect(requests).toHaveLength(1);
  });

  it('retries an idempotent GET after a connection reset', async () => {
    const { url, requests } = await serve((req, res, i) => (i === 0 ? req.socket.destroy() : json(res, 200, member)));
    const { data } = await getMember(client(url));
    expect(data).toEqual(member);
    expect(requests).toHaveLength(2);
  });

  it('never silently sends a non-idempotent write twice', async () => {
    const { url, requests } = await serve((req) => req.socket.destroy());
    const recore = client(url);
    const note = recore.POST('/members/{member_id}/notes', { params: { path: { member_id: 1 } }, body: { note: 'メモ' } });
    await expect(note).rejects.toBeInstanceOf(ConnectionError);
    expect(requests).toHaveLength(1);
  });

  it('does not retry PUT /members/point, which the spec marks non-idempotent', async () => {
    const { url, requests } = await serve((_, res) => json(res, 503, {}));
    const { error } = await client(url).PUT('/members/point', {
      body: { amount: 100, mode: 'ADD', note: '付与', query: { ids: [1] } },
    });
    expect(error).toBeInstanceOf(ServerError);
    expect(requests).toHaveLength(1);
  });

  it('retries a write when the call opts in', async () => {
    const { url, requests } = await serve((_, res, i) => (i === 0 ? json(res, 503, {}) : json(res, 201, { id: 1 })));
    const { data } = await client(url).POST('/members/{member_id}/notes', {
      params: { path: { member_id: 1 } },
      body: { note: 'メモ' },
      retryNonIdempotent: true,
    });
    expect(data).toEqual({ id: 1 });
    expect(requests).toHaveLength(2);
  });

  it('retries a write refused with 429 (the API did not act on it)', async () => {
    const { url, requests } = await serve((_, res, i) =>
      i === 0 ? json(res, 429, {}, { 'retry-after': '0' }) : json(res, 201, { id: 1 }),
    );
    const { data } = await client(url).POST('/members/{member_id}/notes', { params: { path: { member_id: 1 } }, body: { note: 'x' } });
    expect(data).toEqual({ id: 1 });
    expect(requests).toHaveLength(2);
  });
});

describe('timeouts and aborts', () => {
  it("a server that never answers: TimeoutError after each attempt's timeout", async () => {
    const { url, requests } = await serve(() => {});
    const result = getMember(client(url, { timeout: 300, maxRetries: 1 }));
    await expect(result).rejects.toBeInstanceOf(TimeoutError);
    expect(requests).toHaveLength(2);
  });

  it('a slow body counts against the timeout', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id": 219,');
    });
    const error = await getMember(client(url, { maxRetries: 0 }), { timeout: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300 });
  });

  it("the caller's abort stops a retry loop at once", async () => {
    const controller = new AbortController();
    const { url, requests } = await serve((_, res) => {
      json(res, 503, {}, { 'retry-after': '30' });
      setTimeout(() => controller.abort(), 50);
    });
    const started = Date.now();
    await expect(getMember(client(url), { signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(requests).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const { url, requests } = await serve((_, res) => json(res, 200, member));
    await expect(getMember(client(url), { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });
});

describe('typed errors', () => {
  it.each([
    [400, ValidationError],
    [401, AuthError],
    [403, AuthError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, ServerError],
    [418, ApiError],
  ])('HTTP %i is a %s', async (status, type) => {
    const { url } = await serve((_, res) =>
      json(
        res,
        status,
        { error: { code: 'CODE', message: 'メッセージ', detail: { tel: ['Tel is invalid'] } } },
        { 'x-request-id': 'req-1' },
      ),
    );
    const { error } = await getMember(client(url, { maxRetries: 0 }));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, code: 'CODE', detail: { tel: ['Tel is invalid'] }, requestId: 'req-1', operation: 'getMember' });
  });

  it('an empty error body still yields an error', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(502);
      res.end();
    });
    const { data, error } = await getMember(client(url, { maxRetries: 0 }));
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ServerError);
    expect(error?.body).toBeUndefined();
  });

  it('throwOnError throws the typed error and types data as present', async () => {
    const { url } = await serve((req, res) => (req.url?.endsWith('/1') ? json(res, 404, {}) : json(res, 200, member)));
    const recore = client(url, { throwOnError: true });
    const { data } = await recore.GET('/members/{member_id}', { params: { path: { member_id: 219 } } });
    expect(data.code).toBe('MB1ISH1TFC20');
    await expect(recore.GET('/members/{member_id}', { params: { path: { member_id: 1 } } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('invalid JSON is an InvalidResponseError, not retried', async () => {
    const { url, requests } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": 219,');
    });
    const error = await getMember(client(url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200 });
    expect(requests).toHaveLength(1);
  });
});

describe('credentials never surface', () => {
  it('in log lines, error messages or error properties', async () => {
    const lines: string[] = [];
    const logger = {
      error: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      info: (m: string) => lines.push(m),
      debug: (m: string) => lines.push(m),
    };
    const { url } = await serve((req, res, i) => {
      if (i === 0) return req.socket.destroy();
      // A server that echoes what it was sent, including the key, and sets a session cookie.
      json(
        res,
        401,
        { error: { code: 'BAD_KEY', message: `key ${req.headers['x-identification']} is invalid` }, echo: req.headers },
        // The spec's key header, echoed with another value: known from the security scheme, it is hidden whole.
        { 'set-cookie': `session=${SECRET}`, 'x-identification': 'another-key' },
      );
    });
    const recore = client(url, { logger, logLevel: 'debug' });
    const { error } = await getMember(recore);
    const connection = await client(url.replace(/:\d+$/, ':1'), { maxRetries: 0 })
      .GET('/members')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(connection).toBeInstanceOf(ConnectionError);
    expect(lines.some((line) => line.includes('getMember'))).toBe(true);
    for (const surface of [
      lines.join('\n'),
      inspect(error, { depth: Infinity, showHidden: true }),
      JSON.stringify(error),
      String(error),
      inspect(connection, { depth: Infinity, showHidden: true }),
    ]) {
      expect(surface).not.toContain(SECRET);
    }
    expect(error?.headers['set-cookie']).toBe('[REDACTED]');
    expect(error?.headers['x-identification']).toBe('[REDACTED]');
  });
});

describe('rate limits from the spec', () => {
  it('100 concurrent calls never draw a 429 from a server enforcing the documented 5 per second', async () => {
    const arrivals: number[] = [];
    const { url, requests } = await serve((_, res) => {
      const now = performance.now();
      const recent = arrivals.filter((t) => t > now - 1_000);
      if (recent.length >= 5) return json(res, 429, { error: { code: 'TOO_MANY_REQUESTS', message: '' } });
      arrivals.push(now);
      // Responses take 0–200 ms: the limit must hold whatever the latency.
      setTimeout(() => json(res, 200, member), Math.random() * 200);
    });
    const recore = createRecoreClient({ apiKey: SECRET, baseUrl: url, maxRetries: 0, logLevel: 'off' });
    const results = await Promise.all(Array.from({ length: 100 }, () => getMember(recore)));
    expect(results.filter((r) => r.error).map((r) => r.error?.status)).toEqual([]);
    expect(requests).toHaveLength(100);
  }, 60_000);
});

it('leaves no timer behind: a process that made calls exits by itself', async () => {
  const script = `
    import { createServer } from 'node:http';
    import { createRecoreClient } from '@akinai/sdk/recore';
    let n = 0;
    const server = createServer((req, res) => {
      n += 1;
      if (n === 1) { res.writeHead(503); return res.end(); }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
    server.listen(0, '127.0.0.1', async () => {
      const recore = createRecoreClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:' + server.address().port, timeout: 600000 });
      await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => recore.GET('/members')));
      server.close();
      server.closeAllConnections();
      console.log('calls done');
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('..', import.meta.url) });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  expect(output).toContain('calls done');
  expect(code).toBe(0);
}, 20_000);
