// Redaction as a property: for any credential (quotes, backslashes, non-ASCII, percent signs…) and a
// loopback server that echoes it back in every place a response has (code, message, detail, keys,
// headers, a text page, Pittaly's errors[], D.T.P's Status), no error of any API shows it or a form
// of it, anywhere: properties, message, stack, cause, util.inspect(), JSON.stringify().
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDtpLcvClient, RequestEncodingError } from '../src/dtp-lcv/index.js';
import { createPittalyOrderClient } from '@akinai/sdk/pittaly-order';
import { formEncodeShiftJis } from '../src/core/shift-jis.js';
import { createRecoreClient } from '../src/recore/index.js';
import { dtpAnswer, json, startServer, type TestServer } from './helpers/server.js';

const RUNS = 40;
const TRICKY = ['"', '\\', "'", '%', '+', '&', '=', '<', ' ', 'é', 'ß', '髙', '～', 'ｱ', '/', ':', '@', '#', '{', '}'];
/** A credential: a random token, so that it cannot occur by chance, mixed with characters that survive no naive scrubber. */
const credential = (alphabet: string[]) =>
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9]{8}$/), fc.array(fc.constantFrom(...alphabet, 'x', 'Y', '7'), { minLength: 4, maxLength: 16 }))
    .map(([token, chars]) => `${token}${chars.join('')}z`);
/** ReCORE's key travels in a header: Latin-1 only. */
const headerCredential = credential(TRICKY.filter((c) => c.charCodeAt(0) <= 0xff));
const anyCredential = credential([...TRICKY, '😀', '𠮷']);
/** D.T.P's password travels in a Shift_JIS form: what CP932 can carry. */
const cp932Credential = credential(TRICKY.filter((c) => !['é', 'ß'].includes(c)));

/** Every form in which a secret may come back. */
function formsOf(secret: string, ...more: string[]): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    ...more,
  ];
}

/** A server that puts every form of the secrets everywhere an answer has room for one. */
function echoing(forms: string[], status: number, shape: 'recore' | 'pittaly' | 'dtp') {
  return startServer((_, res) => {
    const all = forms.join(' | ');
    const detail = Object.fromEntries(forms.map((form, i) => [`${form}-${i}`, [form, { nested: form }]]));
    const headers = { 'x-echo': encodeURIComponent(all), 'x-request-id': forms[2]!, 'set-cookie': `lang=${encodeURIComponent(forms[0]!)}` };
    if (shape === 'dtp') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
      return res.end(
        JSON.stringify({ StatusCode: '-26002', Status: `ログインIDが存在しません: ${all}`, [forms[0]!]: forms, TokenID: null }),
      );
    }
    if (status === 500) {
      res.writeHead(500, { 'content-type': 'text/html', ...headers });
      return res.end(`<html><body>${all}</body></html>`);
    }
    const body =
      shape === 'pittaly'
        ? { code: forms[0], message: all, errors: forms.map((form) => ({ field: form, message: `invalid ${form}` })) }
        : { error: { code: forms[0], message: all, detail } };
    json(res, status, body, headers);
  });
}

/** Every string reachable from the error (own properties, enumerable or not, keys included, causes, stack). */
function strings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  if (value instanceof Headers) return [...value].flat();
  return Reflect.ownKeys(value).flatMap((key) => [
    ...(typeof key === 'string' ? [key] : []),
    ...strings((value as Record<PropertyKey, unknown>)[key], seen),
  ]);
}

function expectNoSecret(error: unknown, forms: string[], lines: string[]) {
  expect(error).toBeInstanceOf(Error);
  const surfaces = [
    ...strings(error),
    String(error),
    inspect(error, { depth: Infinity, showHidden: true }),
    JSON.stringify(error),
    ...lines,
  ];
  for (const form of forms) {
    const found = surfaces.find((surface) => surface.includes(form));
    expect(found, `a form of the credential (${JSON.stringify(form)}) surfaced`).toBeUndefined();
  }
}

function logger(lines: string[]) {
  const push = (message: string, data?: object) => lines.push(message + (data ? JSON.stringify(data) : ''));
  return { error: push, warn: push, info: push, debug: push };
}

async function withServer<T>(server: Promise<TestServer>, use: (url: string) => Promise<T>): Promise<T> {
  const { url, close } = await server;
  try {
    return await use(url);
  } finally {
    await close();
  }
}

describe('no error shows a credential, whatever the credential and wherever the server echoes it', () => {
  it('ReCORE: the API key, in a 4xx JSON error and a 5xx HTML page', async () => {
    await fc.assert(
      fc.asyncProperty(headerCredential, fc.constantFrom(400, 401, 404, 429, 500), async (apiKey, status) => {
        const forms = formsOf(apiKey);
        const lines: string[] = [];
        const error = await withServer(echoing(forms, status, 'recore'), (url) =>
          createRecoreClient({ apiKey, baseUrl: url, maxRetries: 0, rateLimit: false, logger: logger(lines), logLevel: 'debug' })
            .GET('/members/{member_id}', { params: { path: { member_id: 1 } } })
            .then((r) => r.error),
        );
        expect(error?.status).toBe(status);
        expectNoSecret(error, forms, lines);
      }),
      { numRuns: RUNS },
    );
  });

  it('Pittaly Order: the password and the Basic credentials, in errors[]', async () => {
    await fc.assert(
      fc.asyncProperty(anyCredential, async (password) => {
        const email = 'user@example.jp';
        const basic = Buffer.from(`${email}:${password}`).toString('base64');
        const forms = [...formsOf(password), basic, `Basic ${basic}`];
        const lines: string[] = [];
        const error = await withServer(echoing(forms, 400, 'pittaly'), (url) =>
          createPittalyOrderClient({ email, password, baseUrl: url, maxRetries: 0, logger: logger(lines), logLevel: 'debug' })
            .DELETE('/customer_store_items/{id}', { params: { path: { id: 1 } } })
            .then((r) => r.error),
        );
        expect(error?.status).toBe(400);
        expectNoSecret(error, forms, lines);
      }),
      { numRuns: RUNS },
    );
  });

  it('D.T.P: the system password (in Shift_JIS form too) and the session cookies, in a CommandError', async () => {
    await fc.assert(
      fc.asyncProperty(cp932Credential, fc.stringMatching(/^[a-z0-9]{24}$/), async (password, session) => {
        const forms = [...formsOf(password, formEncodeShiftJis(password, 'password')), session];
        const lines: string[] = [];
        const server = startServer((req, res) => {
          if (req.url!.endsWith('/Auth.aspx')) return dtpAnswer(res, { StatusCode: '0', Status: 'OK' }, { session });
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'x-echo': encodeURIComponent(`${forms.join('|')}|${req.headers.cookie}`),
          });
          res.end(
            JSON.stringify({
              StatusCode: -26002,
              Status: `ログインIDが存在しません ${forms.join(' ')} ${req.headers.cookie}`,
              [password]: forms,
              TokenID: null,
            }),
          );
        });
        const error = await withServer(server, (url) =>
          createDtpLcvClient({ baseUrl: url, loginId: 'system', password, logger: logger(lines), logLevel: 'debug' })
            .POST('/Get_UserToken.aspx', { body: { user_loginid: 'someone', user_pasword: 'x' } })
            .then((r) => r.error),
        );
        expect(error).toMatchObject({ statusCode: -26002 });
        expectNoSecret(error, [...forms, `auth-${session}`], lines);
      }),
      { numRuns: RUNS },
    );
  });

  it('a connection error after retries (the cause is rebuilt from scrubbed parts)', async () => {
    await fc.assert(
      fc.asyncProperty(headerCredential, async (apiKey) => {
        const server = startServer((req) => req.socket.destroy());
        const error = await withServer(server, (url) =>
          createRecoreClient({ apiKey, baseUrl: url, maxRetries: 1, rateLimit: false, logLevel: 'off', timeout: 5_000 })
            .GET('/members')
            .catch((e: unknown) => e),
        );
        expect(error).toMatchObject({ name: 'ConnectionError' });
        expectNoSecret(error, formsOf(apiKey), []);
      }),
      { numRuns: 10 },
    );
  });
});

describe('a bad option is refused before anything is sent, without repeating the secret', () => {
  it.each([
    ['an API key with a newline', () => createRecoreClient({ apiKey: 'key\nX-Injected: 1' })],
    ['an API key with a carriage return', () => createRecoreClient({ apiKey: 'key\r\n' })],
    ['an API key HTTP cannot carry', () => createRecoreClient({ apiKey: 'キー' })],
    ['an API key with surrounding spaces', () => createRecoreClient({ apiKey: ' key ' })],
    ['a Pittaly password with a newline', () => createPittalyOrderClient({ email: 'a@example.jp', password: 'pw\nx' })],
    ['a Pittaly e-mail with a colon', () => createPittalyOrderClient({ email: 'a:b@example.jp', password: 'pw' })],
    [
      'a D.T.P password Shift_JIS cannot carry',
      () => createDtpLcvClient({ baseUrl: 'http://127.0.0.1:9', loginId: 'id', password: 'pw😀' }),
    ],
    ['a baseUrl with user info', () => createRecoreClient({ apiKey: 'k', baseUrl: 'https://user:hunter2@example.jp/' })],
    ['a baseUrl that is not http(s)', () => createRecoreClient({ apiKey: 'k', baseUrl: 'file:///etc/passwd' })],
  ])('%s', (_, create) => {
    let thrown: unknown;
    try {
      create();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    for (const secret of ['hunter2', 'X-Injected', 'key\r', 'キー', 'pw😀', 'pw\nx', '😀']) expect(String(thrown)).not.toContain(secret);
  });

  it('a character Shift_JIS cannot carry in a password field is refused without showing it', async () => {
    const server = await startServer((_, res) => dtpAnswer(res, { StatusCode: 0, Status: 'OK' }, { session: 's' }));
    try {
      const lcv = createDtpLcvClient({ baseUrl: server.url, loginId: 'id', password: 'pw', logLevel: 'off' });
      const error = await lcv
        .POST('/Get_UserToken.aspx', { body: { user_loginid: 'me', user_pasword: 'my😀pass' } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestEncodingError);
      expect(String(error)).not.toMatch(/😀|U\+1F600|position/);
      const name = await lcv.POST('/Auth_Hint.aspx', { body: { name: '𠮷田', email: 'a@example.jp' } }).catch((e: unknown) => e);
      expect(String(name)).toContain('𠮷'); // an ordinary field still says which character
    } finally {
      await server.close();
    }
  });
});
