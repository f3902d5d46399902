// Every response is read within bounds: its size after decompression (maxResponseBytes, per client and
// per call) and the depth of its JSON. Past a bound the call fails with ResponseLimitError, at once and
// without a retry; memory stays flat.
import { createGzip } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDtpLcvClient } from '../src/dtp-lcv/index.js';
import { createRecoreClient, ResponseLimitError } from '../src/recore/index.js';
import { dtpAnswer, serverPerTest } from './helpers/server.js';

const serve = serverPerTest();
const client = (url: string, options: { maxResponseBytes?: number } = {}) =>
  createRecoreClient({ apiKey: 'k', baseUrl: url, rateLimit: false, logLevel: 'off', ...options });
const getMember = (url: string, options: { maxResponseBytes?: number } = {}, call: { maxResponseBytes?: number } = {}) =>
  client(url, options).GET('/members/{member_id}', { params: { path: { member_id: 219 } }, ...call });
/** 192 MiB of JSON that gzip packs into under 200 KiB, made a mebibyte at a time. */
let bomb: Buffer;
beforeAll(async () => {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write('{"id":219,"code":"');
  const mebibyte = Buffer.alloc(1024 * 1024, 'A');
  for (let i = 0; i < 192; i += 1) if (!gzip.write(mebibyte)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end('"}');
  await done;
  bomb = Buffer.concat(out);
});

describe('maxResponseBytes', () => {
  it('a gzip bomb stops at the default 32 MiB, not retried, without the memory it would take', async () => {
    const { url, requests } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    });
    global.gc?.();
    const before = process.memoryUsage();
    const error = await getMember(url).catch((e: unknown) => e);
    const grown = process.memoryUsage().rss - before.rss;
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(error).toBeInstanceOf(ResponseLimitError);
    expect(error).toMatchObject({ limit: 'maxResponseBytes', status: 200 });
    expect(requests).toHaveLength(1);
    expect(grown).toBeLessThan(128 * 1024 * 1024); // the whole body, inflated and decoded, would be ≥ 384 MiB
  });

  it('per client and per call; a declared Content-Length over the bound is refused before reading', async () => {
    const body = JSON.stringify({ id: 219, code: 'X'.repeat(2_000) });
    const { url } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
    await expect(getMember(url, { maxResponseBytes: 1_000 })).rejects.toBeInstanceOf(ResponseLimitError);
    await expect(getMember(url, {}, { maxResponseBytes: 1_000 })).rejects.toThrow(/maxResponseBytes \(1000 bytes\)/);
    const { data } = await getMember(url, { maxResponseBytes: 1_000 }, { maxResponseBytes: 10_000 });
    expect(data?.id).toBe(219);
  });

  it('a chunked body without a length is counted as it arrives, an error body too', async () => {
    const { url, requests } = await serve((_, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, ' ');
      let sent = 0;
      const more = () => {
        while (sent < 200 && res.write(chunk)) sent += 1;
        if (sent < 200) res.once('drain', more);
        else res.end('{}');
      };
      more();
    });
    const error = await getMember(url, { maxResponseBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseLimitError', status: 503 });
    expect(requests).toHaveLength(1);
  });

  it('is a whole number of bytes ≥ 1', () => {
    for (const maxResponseBytes of [0, -1, 1.5, Number.NaN])
      expect(() => client('http://127.0.0.1:9', { maxResponseBytes })).toThrow(TypeError);
  });
});

describe('JSON depth', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('a 400 nested 200,000 deep is a ResponseLimitError, not a retried connection error', async () => {
    const { url, requests } = await serve((_, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(`{"error":{"code":"X","detail":${nested(200_000)}}}`);
    });
    const error = await getMember(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseLimitError);
    expect(error).toMatchObject({ limit: 'jsonDepth', status: 400 });
    expect(requests).toHaveLength(1);
  });

  it('D.T.P: a deep answer is a ResponseLimitError, never a raw RangeError', async () => {
    const { url } = await serve((req, res) => {
      if (req.url!.endsWith('/Auth.aspx')) return dtpAnswer(res, { StatusCode: 0, Status: 'OK' }, { session: 's' });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(`{"StatusCode":"-1","Status":"x","deep":${nested(200_000)}}`);
    });
    const lcv = createDtpLcvClient({ baseUrl: url, loginId: 'id', password: 'pw', logLevel: 'off' });
    await expect(lcv.POST('/Get_Shops.aspx')).rejects.toBeInstanceOf(ResponseLimitError);
  });

  it('256 levels are read', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":219,"deep":${nested(255)}}`);
    });
    const { data } = await getMember(url);
    expect(data?.id).toBe(219);
  });
});
