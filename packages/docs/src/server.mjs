// Serves the built site (dist/) over HTTP, bound to loopback by default, with Express's static file
// server (serve-static and send): directories redirect to their trailing slash (so /recore's relative
// links work), a download the client abandons closes its file, a file error is a 500, not a crash.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import finalhandler from 'finalhandler';
import serveStatic from 'serve-static';

export const siteDir = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * Serves `root` over HTTP. Resolves, once listening, with the site's URL and a close().
 * @param {{ root?: string, port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function serveSite({ root = siteDir, port = 0, host = '127.0.0.1' } = {}) {
  const serve = serveStatic(root, { index: ['index.html'], redirect: true });
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      response.end('Method not allowed');
      return;
    }
    serve(request, response, finalhandler(request, response));
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = /** @type {import('node:net').AddressInfo} */ (server.address());
      const close = () =>
        new Promise((/** @type {(value?: unknown) => void} */ done) => {
          server.close(() => done());
          server.closeAllConnections(); // a client still holding a response must not keep us up
        });
      resolve({ url: `http://${host}:${actual}/`, close: async () => void (await close()) });
    });
  });
}
