// Saved state and protected controls: --persist restores the records at start and keeps FILE up to date
// (atomically: it always parses, and a `kill -9` loses nothing acknowledged more than 200 ms before);
// PUT /__akinai/state and load() replace the records; an admin token guards every control.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { adminTokenFor } from '../src/controls.js';
import { KEY, startedPerTest } from './helpers/http.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const children: ChildProcess[] = [];
const startMock = startedPerTest();
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/**
 * The CLI, started (no admin token from the environment unless `env` names one); resolves with its URL, or
 * rejects with what it wrote to stderr.
 */
function run(args: string[], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, AKINAI_ADMIN_TOKEN: '', ...env } });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const found = /listening on (\S+)/.exec(out);
      if (found) setTimeout(() => resolve({ url: found[1]!, child, out }), 50);
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
    child.on('exit', (code) => reject(Object.assign(new Error(err.trim()), { code })));
  });
}
const dir = () => mkdtempSync(join(tmpdir(), 'akinai-persist-'));

describe('--persist', () => {
  it('survives kill -9: every write acknowledged more than 200 ms before is there after a restart, of 200 concurrent ones', async () => {
    const file = join(dir(), 'state.json');
    const { url, child } = await run(['recore', '--port', '0', '--persist', file]);
    const created = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await fetch(`${url}/members`, { method: 'POST', headers: KEY, body: JSON.stringify({ last_name: `n${i}` }) });
        expect(response.status).toBe(201);
        return ((await response.json()) as { id: number }).id;
      }),
    );
    // The file parses whenever it is read, while writes go on.
    const reading = Array.from({ length: 20 }, () => JSON.parse(readFileSync(file, 'utf8')));
    expect(reading.every((data) => Array.isArray(data.members))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 210));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const again = await run(['recore', '--port', '0', '--persist', file]);
    const members = (await (await fetch(`${again.url}/__akinai/state`)).json()) as { members: { id: number }[] };
    const ids = new Set(members.members.map((member) => member.id));
    expect(created.filter((id) => !ids.has(id))).toEqual([]);
    // A reset goes back to the seed, and is saved too.
    await fetch(`${again.url}/__akinai/reset`, { method: 'POST' });
    await new Promise((resolve) => setTimeout(resolve, 210));
    expect(JSON.parse(readFileSync(file, 'utf8')).members).toHaveLength(1);
  });

  it('refuses a file that does not parse or does not fit, naming it and the problem, and leaves it as it is', async () => {
    const folder = dir();
    for (const [content, problem] of [
      ['{"members": [', /not a saved state/],
      ['{"customers": []}', /names customers; this API's resources are members/],
      ['{"members": [{"last_name": "x"}]}', /members\[0\] has no id/],
    ] as const) {
      const file = join(folder, `${problem.source.length}.json`);
      writeFileSync(file, content);
      const refused = await run(['recore', '--port', '0', '--persist', file]).catch((error: Error & { code: number }) => error);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toContain(file);
      expect((refused as Error).message).toMatch(problem);
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
  });

  it('starts from the seed when the file is absent, and writes it at once', async () => {
    const file = join(dir(), 'new.json');
    await startMock('pittaly-order', { persist: file });
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))['customer-store-items']).toHaveLength(3);
  });
});

describe('replacing the records in a running mock', () => {
  it('PUT /__akinai/state takes what GET answers; load() too; records that do not fit are refused and nothing changes', async () => {
    const mock = await startMock('recore');
    const state = mock.state();
    state.members = [{ ...state.members![0]!, id: 500, code: 'MB0000000500' }];
    state['member-notes'] = [];
    const put = await fetch(`${mock.url}/__akinai/state`, { method: 'PUT', headers: KEY, body: JSON.stringify(state) });
    expect(put.status).toBe(204);
    expect((await fetch(`${mock.url}/members/500`, { headers: KEY })).status).toBe(200);
    expect((await fetch(`${mock.url}/members/219`, { headers: KEY })).status).toBe(404);
    const refused = await fetch(`${mock.url}/__akinai/state`, { method: 'PUT', headers: KEY, body: '{"members": [{"id": 1}, {"id": 1}]}' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/a second record with id 1/);
    expect(mock.state().members!.map((member) => member.id)).toEqual([500]);
    mock.load({ members: [] });
    expect(mock.state().members).toEqual([]);
    mock.reset();
    expect(mock.state().members!.map((member) => member.id)).toEqual([219]);
  });
});

describe('an admin token', () => {
  it('guards every control (401 without it), never the vendor’s paths', async () => {
    const mock = await startMock('recore', { adminToken: 'secret-token' });
    for (const [method, path] of [
      ['GET', 'state'],
      ['POST', 'reset'],
      ['GET', 'clock'],
      ['GET', 'faults'],
      ['DELETE', 'faults'],
    ]) {
      const denied = await fetch(`${mock.url}/__akinai/${path}`, { method, headers: { authorization: 'Bearer wrong' } });
      expect(denied.status, `${method} ${path}`).toBe(401);
      expect(denied.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect((await fetch(`${mock.url}/__akinai/state`)).status).toBe(401);
    expect((await fetch(`${mock.url}/__akinai/state`, { headers: { authorization: 'Bearer secret-token' } })).status).toBe(200);
    expect((await fetch(`${mock.url}/members/219`, { headers: KEY })).status).toBe(200);
  });

  it('from --admin-token or AKINAI_ADMIN_TOKEN; open on loopback without one; made up and printed off loopback', async () => {
    const { url } = await run(['recore', '--port', '0', '--admin-token', 'from-flag']);
    expect((await fetch(`${url}/__akinai/clock`)).status).toBe(401);
    expect((await fetch(`${url}/__akinai/clock`, { headers: { authorization: 'Bearer from-flag' } })).status).toBe(200);
    const { url: fromEnv } = await run(['recore', '--port', '0'], { AKINAI_ADMIN_TOKEN: 'from-env' });
    expect((await fetch(`${fromEnv}/__akinai/clock`, { headers: { authorization: 'Bearer from-env' } })).status).toBe(200);
    expect((await fetch(`${fromEnv}/__akinai/clock`)).status).toBe(401);
    // Which addresses get a token made up (the tests bind loopback only).
    expect(adminTokenFor('127.0.0.1', undefined)).toBeUndefined();
    expect(adminTokenFor('localhost', undefined)).toBeUndefined();
    expect(adminTokenFor('::1', undefined)).toBeUndefined();
    expect(adminTokenFor('0.0.0.0', undefined)).toMatch(/^[\w-]{32}$/);
    expect(adminTokenFor('192.168.1.10', undefined)).not.toBe(adminTokenFor('192.168.1.10', undefined));
    expect(adminTokenFor('0.0.0.0', 'mine')).toBe('mine');
  });
});
