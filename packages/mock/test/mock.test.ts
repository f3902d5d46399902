import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apis, startMock, type RunningMock } from '../src/index.js';
import { login } from './helpers/session.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Runs the built CLI; resolves once it exits, or once `until` appears on stdout (then stops it with SIGINT). */
function run(args: string[], until?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (until && stdout.includes(until)) child.kill('SIGINT');
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

it('serves every API whose bundled spec it ships', () => {
  const shipped = readdirSync(new URL('../specs/', import.meta.url)).map((file) => file.replace('.openapi.json', ''));
  expect(Object.keys(apis).sort()).toEqual(shipped.sort());
});

describe('startMock', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock('recore', { validateResponses: true });
  });
  afterAll(() => mock?.close());

  it('binds loopback on a free port', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a bad request with a 4xx and a JSON body', async () => {
    const response = await fetch(`${mock.url}/members?limit=1000`, { headers: { 'X-Identification': 'x' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(await response.json()).toHaveProperty('error.code', 'VALIDATE_FAILED');
  });

  it('refuses an unknown API by name', async () => {
    // @ts-expect-error not an API
    await expect(startMock('nope')).rejects.toThrow(/Unknown API "nope". Known APIs: recore, pittaly-order, dtp-lcv/);
  });
});

describe('akinai-mock CLI', () => {
  it('--help lists the APIs', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: akinai-mock <api | all>');
    for (const api of Object.keys(apis)) expect(stdout).toContain(api);
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(manifest.version);
  });

  it('an unknown API exits 2, pointing to the usage', async () => {
    const { code, stderr } = await run(['nope']);
    expect(code).toBe(2);
    expect(stderr).toBe('akinai-mock: unknown API "nope".\nRun "akinai-mock --help" for the usage.\n');
  });

  it('a bad port exits 2', async () => {
    const { code, stderr } = await run(['recore', '--port', 'abc']);
    expect(code).toBe(2);
    expect(stderr).toContain('--port must be an integer');
  });

  it('a port in use gives a clear message', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const { code, stderr } = await run(['recore', '--port', String(port)]);
    blocker.close();
    expect(stderr).toBe(`akinai-mock: port ${port} on 127.0.0.1 (recore) is already in use; choose another with --port.\n`);
    expect(code).toBe(1);
  });

  it('an address it cannot bind gives one line, no stack trace', async () => {
    // 192.0.2.1 is a documentation address (TEST-NET-1): no interface has it, and nothing is sent to it.
    const { code, stderr } = await run(['recore', '--port', '0', '--host', '192.0.2.1']);
    expect(stderr).toBe('akinai-mock: cannot listen on 192.0.2.1: no network interface of this machine has that address.\n');
    expect(code).toBe(1);
  });

  it('serves every API from one process with "all"', async () => {
    // Free ports: the default ones may be taken by another package's tests running alongside.
    const { code, stdout } = await run(['all', '--port', '0'], 'dtp-lcv mock listening');
    for (const api of Object.keys(apis)) expect(stdout).toMatch(new RegExp(`${api} mock listening on http://127\\.0\\.0\\.1:\\d+`));
    expect(code).toBe(0);
  });

  it('serves until Ctrl-C, then exits 0', async () => {
    const { code, stdout } = await run(['recore', '--port', '0'], 'listening on');
    expect(stdout).toMatch(/recore mock listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(code).toBe(0);
  });
});

/** The StatusCode of a D.T.P answer, which must come at HTTP 200. */
async function statusCodeOf(answer: Promise<Response>): Promise<string> {
  const response = await answer;
  expect(response.status).toBe(200);
  return (await response.json()).StatusCode;
}

describe('dtp-lcv: cookies and Shift_JIS forms', () => {
  let mock: RunningMock;
  /** The cookies of a session its Auth started. */
  let session = '';
  beforeAll(async () => {
    mock = await startMock('dtp-lcv', { validateResponses: true });
    session = await login(mock.url);
  });
  afterAll(() => mock?.close());
  const form = 'application/x-www-form-urlencoded; charset=Shift_JIS';
  /** 髙 in Shift_JIS (CP932), percent-encoded, n times. */
  const taka = (n: number) => '%FB%FC'.repeat(n);

  it('Auth sets both session cookies, as two Set-Cookie headers', async () => {
    const response = await fetch(`${mock.url}/Auth.aspx`, {
      method: 'POST',
      headers: { 'content-type': form },
      body: 'login_id=api&password=pw',
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().map((cookie) => cookie.split('=')[0])).toEqual(['ASP.NET_SessionId', '.ASPXAUTH']);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('every other command needs the cookies of a session Auth started: without them, its session-lost code at HTTP 200', async () => {
    const call = (cookie?: string) =>
      fetch(`${mock.url}/Get_UserPoint.aspx`, {
        method: 'POST',
        headers: { 'content-type': form, ...(cookie && { cookie }) },
        body: 'user_code=1',
      });
    expect(Number(await statusCodeOf(call()))).toBe(-8098);
    expect(Number(await statusCodeOf(call('ASP.NET_SessionId=s')))).toBe(-8098);
    expect(Number(await statusCodeOf(call('ASP.NET_SessionId=s; .ASPXAUTH=a'))), 'cookies Auth did not set').toBe(-8098);
    expect(Number(await statusCodeOf(call(session)))).not.toBe(-8098);
  });

  it('checks lengths on the characters a Shift_JIS form carries, not on its bytes', async () => {
    const hint = (name1: string) =>
      fetch(`${mock.url}/Auth_Hint2.aspx`, {
        method: 'POST',
        headers: { 'content-type': form, cookie: session },
        body: `Name1=${name1}&name2=a&email=b`,
      });
    // Name1: at most 50. The vendor refuses at HTTP 200, with the command's parameter code.
    expect(await statusCodeOf(hint(taka(50)))).not.toBe('-42001');
    expect(await statusCodeOf(hint(taka(51)))).toBe('-42001');
  });

  it('holds a command to what it says beside a shared field (Set_OldPoint: Flag 0 or 1)', async () => {
    const oldPoint = (flag: string) =>
      fetch(`${mock.url}/Set_OldPoint.aspx`, {
        method: 'POST',
        headers: { 'content-type': form, cookie: session },
        body: `Code=1&Oldcard=2&Oldmail=a@example.jp&Flag=${flag}`,
      });
    expect(Number(await statusCodeOf(oldPoint('1')))).toBe(0);
    expect(await statusCodeOf(oldPoint('2'))).toBe('-44001');
  });

  it('reads a form that is not valid Shift_JIS as its server does (U+FFFD), answers the command and warns', async () => {
    const response = await fetch(`${mock.url}/Auth_Hint2.aspx`, {
      method: 'POST',
      headers: { 'content-type': form, cookie: session },
      body: 'Name1=%FB&name2=a&email=b',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-akinai-warning')).toMatch(/U\+FFFD.*mojibake/);
    expect(Number((await response.json()).StatusCode)).toBe(0);
  });
});
