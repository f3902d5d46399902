// A real npm registry for a test: Verdaccio on 127.0.0.1, storage in a temp folder, no uplink (it
// serves only what is published to it), an account to publish with.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Registry {
  url: string;
  /** A token of the account that publishes; `npmrc()` writes it for the registry's host only. */
  token: string;
  /** The lines of an .npmrc that points npm and pnpm at this registry. */
  npmrc(withToken: boolean): string;
  close(): Promise<void>;
}

const verdaccio = fileURLToPath(new URL('../node_modules/verdaccio/bin/verdaccio', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startRegistry(): Promise<Registry> {
  const dir = mkdtempSync(join(tmpdir(), 'akinai-registry-'));
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      `auth: { htpasswd: { file: ${join(dir, 'htpasswd')}, max_users: 1 } }`,
      'uplinks: {}',
      "packages: { '**': { access: $all, publish: $authenticated } }",
      'log: { type: stdout, format: pretty, level: error }',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child: ChildProcess = spawn(process.execPath, [verdaccio, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const close = async () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };

  // A second alone; far longer beside the rest of pnpm test on 2 cores (10 s was once not enough).
  const deadline = performance.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited:\n${log}`);
    const ready = await fetch(`${url}-/ping`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (performance.now() > deadline) {
      await close();
      throw new Error(`Verdaccio did not answer on ${url} within 90 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const response = await fetch(`${url}-/user/org.couchdb.user:release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release', password: 'rehearsal-only' }),
  });
  const { token } = (await response.json()) as { token: string };
  const host = url.replace(/^http:/, '');
  return {
    url,
    token,
    npmrc: (withToken) => `registry=${url}\n${withToken ? `${host}:_authToken=${token}\n` : ''}`,
    close,
  };
}
