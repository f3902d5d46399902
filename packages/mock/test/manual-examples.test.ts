// Every example request of D.T.P's manual (section 7), sent to the mock exactly as the manual shows it —
// a GET with the fields in the query string, names in the vendor's example spelling and case — and again
// as a POST form of the same fields. Both ways every one must be accepted as its command: HTTP 200, the
// command's answer, no request violation — by the static mock (the examples' own answers) and by the
// stateful one (whatever the state answers, never a refusal of the request as the command's parameter
// error). Where the manual elides fields (`****`, `…`), those it does not show are taken from the
// command's own example in the spec. The fixtures come from the manual (specs/test/fixtures).
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, specPath, startMock } from '../src/index.js';
import { login } from './helpers/session.js';

interface Example {
  section: string;
  command: string;
  raw: string;
  path: string;
  params: [string, string][];
  normalized: string[];
}
const fixture = JSON.parse(readFileSync(new URL('../../../specs/test/fixtures/dtp-lcv-manual.json', import.meta.url), 'utf8'));
const spec = JSON.parse(readFileSync(specPath('dtp-lcv'), 'utf8'));
/** The fields an elided example does not show, from the command's own example (under the spec's names). */
const elided = (command: string, params: [string, string][]): [string, string][] => {
  const given = new Set(params.map(([name]) => name.toLowerCase()));
  const value = spec.paths[`/${command}.aspx`].post.requestBody.content['application/x-www-form-urlencoded'].examples.example.value;
  return Object.entries(value as Record<string, unknown>)
    .filter(([name]) => !given.has(name.toLowerCase()))
    .map(([name, field]) => [name, String(field)]);
};
const examples: Example[] = fixture.commands.flatMap(
  (c: { section: string; command: string; requests: Omit<Example, 'section' | 'command'>[] }) =>
    c.requests.map((request) => ({
      section: c.section,
      command: c.command,
      ...request,
      params: request.normalized.includes('elision') ? [...request.params, ...elided(c.command, request.params)] : request.params,
    })),
);
/** A field as the vendor's server wants it: Shift_JIS bytes, percent-encoded. */
const encode = (text: string) =>
  [...iconv.encode(text, 'Shift_JIS')]
    .map((byte) =>
      /[A-Za-z0-9*\-._]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
const form = (params: [string, string][]) => params.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
/** The stateful mock's session (its Auth's cookies; the static mock takes any). */
let cookie = '';

let mock: RunningMock;
let stateful: RunningMock;
beforeAll(async () => {
  mock = await startMock('dtp-lcv', { static: true });
  stateful = await startMock('dtp-lcv', { validateResponses: true });
  cookie = await login(stateful.url);
});
afterAll(async () => {
  await mock?.close();
  await stateful?.close();
});

async function expectAccepted(response: Response, command: string) {
  const body = await response.json();
  const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]').filter(
    (v: { location: string[] }) => v.location[0] === 'request',
  );
  expect({ status: response.status, violations }).toEqual({ status: 200, violations: [] });
  expect(body.StatusCode, `${command} answers its success example`).toEqual(expect.anything());
  expect(Number(body.StatusCode)).toBe(0);
}

const cases = examples.map((e) => [`${e.section} ${e.command} ${e.path}`, e] as const);

describe('as the manual shows them: GET with a query string', () => {
  it.each(cases)('%s', async (_, { command, path, params }) => {
    const query = params.length > 0 ? `?${form(params)}` : '';
    await expectAccepted(await fetch(`${mock.url}${path}${query}`, { headers: command === 'Auth' ? {} : { cookie } }), command);
  });
});

describe('by the stateful mock: never refused as a bad parameter', () => {
  it.each(cases)('%s', async (_, { command, path, params }) => {
    const query = params.length > 0 ? `?${form(params)}` : '';
    const response = await fetch(`${stateful.url}${path}${query}`, { headers: command === 'Auth' ? {} : { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('sl-violations')).toBeNull();
    expect((await response.json()).Status).not.toMatch(/パラメータが不足/);
  });
});

describe('as the overview says: POST with a form', () => {
  it.each(cases)('%s', async (_, { command, path, params }) => {
    // No charset in the Content-Type: the API reads forms in Shift_JIS, as the vendor's server does.
    const init = {
      method: 'POST',
      body: form(params),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(command === 'Auth' ? {} : { cookie }) },
    };
    await expectAccepted(await fetch(`${mock.url}${path}`, init), command);
  });
});

// What a client other than @akinai/sdk sends: the same GETs with the query in UTF-8 (encodeURIComponent).
// D.T.P's server reads it as Shift_JIS and runs the command, storing mojibake; the mock answers the
// command too, and says so in x-akinai-warning whenever the UTF-8 text would have been garbled.
const utf8 = (params: [string, string][]) =>
  params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
/** Whether a field has a character UTF-8 sends as three bytes or more (kana, kanji, typographic quotes). */
const garbled = (params: [string, string][]) => params.some(([name, value]) => /[\u0800-\uffff]/.test(name + value));

describe('as other clients send them: GET with a UTF-8 query string, answered with a warning', () => {
  it.each(cases)('%s', async (_, { command, path, params }) => {
    const query = params.length > 0 ? `?${utf8(params)}` : '';
    const headers: Record<string, string> = command === 'Auth' ? {} : { cookie };
    const response = await fetch(`${mock.url}${path}${query}`, { headers });
    expect(response.headers.get('x-akinai-warning') !== null, 'warned').toBe(garbled(params));
    await expectAccepted(response, command);
    const answer = await fetch(`${stateful.url}${path}${query}`, { headers });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-akinai-warning') !== null, 'warned by the stateful mock').toBe(garbled(params));
    expect((await answer.json()).Status).not.toMatch(/パラメータが不足/);
  });
});

it('a field in the wrong charset is answered as the vendor would, with a warning of the mojibake it would store', async () => {
  const response = await fetch(`${stateful.url}/Set_Login_UserInfo.aspx`, {
    method: 'POST',
    body: `user_loginid=taka&user_pasword=pw1&Name=${encodeURIComponent('髙輪')}`, // UTF-8, but the form does not say so
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-akinai-warning')).toMatch(/UTF-8 text was read as Shift_JIS.*mojibake/);
  const body = await response.json();
  expect(Number(body.StatusCode)).toBe(0);
  expect(body.User.Name).toBe('鬮呵ｼｪ'); // what the vendor's server stores
  // The same field in CP932, or in UTF-8 that says so, is no mojibake: no warning.
  for (const [body, type] of [
    [`user_loginid=taka2&user_pasword=pw1&Name=${encode('髙輪')}`, 'application/x-www-form-urlencoded'],
    [`user_loginid=taka3&user_pasword=pw1&Name=${encodeURIComponent('髙輪')}`, 'application/x-www-form-urlencoded; charset=utf-8'],
  ] as const) {
    const answer = await fetch(`${stateful.url}/Set_Login_UserInfo.aspx`, {
      method: 'POST',
      body,
      headers: { 'content-type': type, cookie },
    });
    expect(answer.headers.get('x-akinai-warning')).toBeNull();
    expect((await answer.json()).User.Name).toBe('髙輪');
  }
});
