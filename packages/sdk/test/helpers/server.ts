// Real loopback HTTP servers for tests, scripted to misbehave.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach } from 'vitest';

export interface TestServer {
  url: string;
  /** Every request received, with its body. */
  requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse, index: number, body: string) => void;

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, response, requests.length - 1, body);
    });
  });
  server.keepAliveTimeout = 60_000; // longer than undici's idle time, or it reuses sockets we closed
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

/** For a test file: `serve(handler)` starts a server (several per test for other origins), closed after each test. */
export function serverPerTest() {
  const running: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  return async (handler: Handler) => {
    const server = await startServer(handler);
    running.push(server);
    return server;
  };
}

/** A D.T.P answer: HTTP 200, JSON in UTF-8 (saying so), and for Auth the two session cookies. */
export function dtpAnswer(response: ServerResponse, body: unknown, { session }: { session?: string } = {}) {
  const headers: [string, string][] = [['content-type', 'application/json; charset=utf-8']];
  if (session)
    headers.push(
      ['set-cookie', `ASP.NET_SessionId=${session}; path=/; HttpOnly`],
      ['set-cookie', `.ASPXAUTH=auth-${session}; path=/; HttpOnly`],
    );
  response.writeHead(200, headers.flat());
  response.end(JSON.stringify(body));
}

/** A loopback D.T.P that logs in anyone and answers every command with `answer` (default: StatusCode 0). */
export function dtpHandler(answer: (path: string, form: URLSearchParams) => unknown = () => ({ StatusCode: '0', Status: 'OK' })): Handler {
  return (request, response, _, body) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname.replace(/^.*\//, '/');
    const form = new URLSearchParams(body);
    if (path === '/Auth.aspx') return dtpAnswer(response, { StatusCode: '0', Status: 'OK', Token: 't' }, { session: 'session-1' });
    dtpAnswer(response, answer(path, form));
  };
}
