// The pass-through: a server on loopback that sends each request to the vendor and its answer back
// unchanged — status, headers but the hop-by-hop ones, and the body's bytes as they come, streamed both
// ways (a GET with a body too; cookies untouched). A copy of each side is checked once the answer has gone
// out, and the exchange recorded. When the vendor cannot be reached the client gets the proxy's own 502,
// marked `x-akinai-proxy: upstream-unreachable`, and the exchange is recorded too.
import { Agent as HttpAgent, createServer, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { apis, type ApiName, isApiName } from '../apis.js';
import { checkExchange, type Exchange } from './check.js';
import { readContract } from './contract.js';
import { type ExchangeRecord, recordTo } from './records.js';
import { createRecorder } from './redact.js';

export interface ProxyOptions {
  /** The vendor's base URL (http: or https:, with the tenant's path if it has one). */
  upstream: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; loopback unless told otherwise. */
  host?: string;
  /** A file to append each exchange to, one JSON line each. */
  record?: string;
  /** Record personal data as sent instead of masked (credentials are removed all the same). */
  keepPersonalData?: boolean;
  /** Called with each exchange's record once it is checked (and written). */
  onExchange?: (record: ExchangeRecord) => void;
}

export interface RunningProxy {
  api: ApiName;
  /** The proxy's base URL: give it to the client in place of the vendor's. */
  url: string;
  /** The vendor's base URL, as given. */
  upstream: string;
  /** Stops listening, waits for the exchanges under way to be recorded, and closes the record file. */
  close(): Promise<void>;
}

/** Request and answer headers a proxy does not forward (RFC 9110 §7.6.1), besides those Connection names. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
]);
/** The most of a body the proxy keeps a copy of to check; a larger exchange passes through unchecked. */
const MAX_COPY = 32 * 1024 * 1024;

/** The upstream URL, or a TypeError saying what is wrong with it. */
function parseUpstream(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`--upstream must be a URL such as https://co-api.recore-pos.com, got "${text}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`--upstream must be an http: or https: URL, got "${url.protocol}".`);
  if (url.username || url.password)
    throw new TypeError('--upstream must not carry credentials: your application sends them, and the proxy passes them on.');
  if (url.search || url.hash) throw new TypeError('--upstream is a base URL: no query string or fragment.');
  return url;
}

export async function startProxy(api: ApiName, options: ProxyOptions): Promise<RunningProxy> {
  if (!isApiName(api)) throw new Error(`Unknown API "${String(api)}". Known APIs: ${Object.keys(apis).join(', ')}.`);
  const upstream = parseUpstream(options.upstream);
  const { port = 0, host = '127.0.0.1' } = options;
  const contract = readContract(api);
  const record = createRecorder(contract, { keepPersonalData: options.keepPersonalData });
  const file = options.record === undefined ? undefined : recordTo(options.record);
  await file?.ready;
  const secure = upstream.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const base = upstream.pathname.replace(/\/+$/, '');
  const pending = new Set<Promise<void>>();

  const server = createServer((request, response) => forward(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    api,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    upstream: upstream.href,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      agent.destroy();
      await Promise.all(pending);
      await file?.close();
    },
  };

  function forward(request: IncomingMessage, response: ServerResponse) {
    const started = new Date();
    const clock = performance.now();
    const sent: Buffer[] = [];
    const received: Buffer[] = [];
    let copied = 0;
    let over = false;
    const copy = (into: Buffer[]) => (chunk: Buffer) => {
      copied += chunk.length;
      if (copied > MAX_COPY) over = true;
      else into.push(chunk);
    };
    let answer: IncomingMessage | undefined;
    let settled = false;
    const finish = (error?: Exchange['error']) => {
      if (settled) return;
      settled = true;
      const durationMs = performance.now() - clock;
      const why =
        error ?? (over ? { by: 'proxy' as const, message: `A body over ${MAX_COPY} bytes passed through unchecked.` } : undefined);
      const exchange: Exchange = {
        method: request.method ?? 'GET',
        target: request.url ?? '/',
        requestHeaders: request.headers,
        requestBody: over ? Buffer.alloc(0) : Buffer.concat(sent),
        ...(answer && !why && { answer: { status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(received) } }),
        ...(why && { error: why }),
      };
      // After the answer has gone: the check costs the client nothing.
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        let entry: ExchangeRecord;
        try {
          entry = record(exchange, checkExchange(contract, exchange), { started, durationMs });
        } catch (error) {
          // A bug of the check: the exchange is recorded all the same, with nothing of its content.
          entry = {
            time: started.toISOString(),
            api,
            method: exchange.method,
            path: exchange.target.split('?')[0]!,
            ...(exchange.answer && { status: exchange.answer.status }),
            durationMs,
            request: { headers: {} },
            findings: [],
            evidence: [],
            error: `akinai-mock proxy could not check this exchange (${(error as Error).name}); please report it.`,
          };
        }
        file?.write(entry);
        options.onExchange?.(entry);
      });
      pending.add(done);
      void done.finally(() => pending.delete(done));
    };

    const outgoing = (secure ? httpsRequest : httpRequest)({
      protocol: upstream.protocol,
      hostname: upstream.hostname,
      port: upstream.port,
      method: request.method,
      path: `${base}${request.url ?? '/'}`,
      headers: forwarded(request.rawHeaders, upstream.host),
      agent,
    });
    request.on('data', copy(sent));
    request.pipe(outgoing);
    outgoing.on('response', (incoming) => {
      answer = incoming;
      response.writeHead(incoming.statusCode ?? 502, incoming.statusMessage, forwarded(incoming.rawHeaders));
      incoming.on('data', copy(received));
      incoming.pipe(response);
      incoming.on('end', () => finish());
      incoming.on('error', () => {
        response.destroy();
        finish({ by: 'upstream', message: 'The vendor cut its answer off.' });
      });
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      if (answer) {
        response.destroy();
        return finish({ by: 'upstream', message: `The vendor's answer broke off (${error.code ?? error.message}).` });
      }
      if (response.destroyed) return finish({ by: 'client', message: 'The client closed the connection before the answer.' });
      const body = JSON.stringify({
        error: {
          code: 'UPSTREAM_UNREACHABLE',
          message: `akinai-mock proxy could not reach ${upstream.origin} (${error.code ?? error.message}).`,
        },
      });
      response.writeHead(502, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'x-akinai-proxy': 'upstream-unreachable',
      });
      response.end(body);
      finish({ by: 'upstream', message: `The vendor could not be reached (${error.code ?? error.message}).` });
    });
    // The client gave up: so does the request to the vendor.
    response.on('close', () => {
      if (response.writableFinished || settled) return;
      outgoing.destroy();
      finish({ by: 'client', message: 'The client closed the connection before the answer ended.' });
    });
  }
}

/** Raw headers (name, value, name, value…) without the hop-by-hop ones; `host` set to the vendor's when given. */
function forwarded(raw: string[], host?: string): string[] {
  const named = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') for (const name of raw[i + 1]!.split(',')) named.add(name.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || named.has(name) || (host !== undefined && name === 'host')) continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  if (host !== undefined) out.unshift('Host', host);
  return out;
}
