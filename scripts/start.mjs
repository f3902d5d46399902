// `pnpm start`: after the build, starts the mock of every API and serves the docs site, printing
// every URL. Ctrl-C stops all of it.
import { apis, startMock } from '@akinai/mock';
import { serveSite } from '@akinai/docs';

const DOCS_PORT = 8080;
const running = [];

async function start(name, port, launch) {
  try {
    const server = await launch();
    running.push(server);
    return server;
  } catch (/** @type {any} */ error) {
    if (error.code === 'EADDRINUSE') {
      console.error(`akinai: port ${port} (${name}) is already in use. Stop what holds it, or free the port, and run pnpm start again.`);
    } else {
      console.error(`akinai: could not start ${name}: ${error.message}`);
    }
    await stop(1);
  }
}

/** Closes every server, but exits within a second even if a client holds a connection open. */
async function stop(code = 0) {
  const closed = Promise.allSettled(running.map((server) => server.close()));
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  process.exit(code);
}

process.once('SIGINT', () => stop());
process.once('SIGTERM', () => stop());

const site = await start('docs', DOCS_PORT, () => serveSite({ port: DOCS_PORT }));
console.log(`docs          ${site.url}`);
for (const api of /** @type {(keyof typeof apis)[]} */ (Object.keys(apis))) {
  const { defaultPort } = apis[api];
  const mock = await start(`${api} mock`, defaultPort, () => startMock(api, { port: defaultPort }));
  console.log(`${api.padEnd(13)} ${mock.url}  (mock)`);
}
console.log('Ctrl-C stops everything.');
