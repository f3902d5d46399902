// Real loopback servers for the proxy's tests: an upstream that answers as a handler says (and keeps what
// it received), and a client that sends exact bytes (node:http: a GET with a body too).
import { Agent, createServer, type IncomingHttpHeaders, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  statusMessage?: string;
  /** Raw headers: name, value, name, value… (a name may repeat). */
  headers?: string[];
  body?: Buffer | string;
}

export interface Upstream {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A server on 127.0.0.1 answering each request with `answer(request)`. */
export async function startUpstream(answer: (request: Received) => Answer | Promise<Answer>): Promise<Upstream> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const got = {
        method: request.method!,
        url: request.url!,
        rawHeaders: request.rawHeaders,
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      received.push(got);
      const { status, statusMessage, headers = [], body } = await answer(got);
      response.writeHead(status, statusMessage ?? '', headers);
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Got {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const agent = new Agent({ keepAlive: false });

/** Sends exactly these bytes (a body on any method) and reads the whole answer. */
export function send(
  base: string,
  method: string,
  target: string,
  headers: Record<string, string | string[]> = {},
  body?: Buffer | string,
) {
  const url = new URL(target, base);
  return new Promise<Got>((resolve, reject) => {
    const bytes = body === undefined ? undefined : Buffer.from(body);
    const outgoing = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method,
        path: `${url.pathname}${url.search}`,
        headers: { ...headers, ...(bytes && { 'content-length': String(bytes.length) }) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            statusMessage: response.statusMessage!,
            rawHeaders: response.rawHeaders,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(bytes);
  });
}

/** JSON answer headers and body. */
export const json = (status: number, value: unknown, headers: string[] = []): Answer => ({
  status,
  headers: ['Content-Type', 'application/json; charset=utf-8', ...headers],
  body: JSON.stringify(value),
});
