// What the mock's tests send with: the credentials each API takes (any well-formed ones), one request
// over loopback with the answer's body read as JSON when it is JSON, and mocks closed after each test.
import { afterEach } from 'vitest';
import { type RunningMock, startMock } from '../../src/index.js';

export const KEY = { 'x-identification': 'eyJ0.e30.sig', 'content-type': 'application/json' };
export const BASIC = { authorization: 'Basic dTpw', 'content-type': 'application/json' };
export const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

/** One request; a body that is not a string is sent as JSON. */
export async function call(url: string, method = 'GET', headers: Record<string, string> = {}, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers,
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: any = text === '' ? undefined : text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, body: parsed };
}

/** startMock for a test file whose mocks each test closes when it ends. */
export function startedPerTest(): typeof startMock {
  const started: RunningMock[] = [];
  afterEach(async () => {
    for (const mock of started.splice(0)) await mock.close();
  });
  return async (...args) => {
    const mock = await startMock(...args);
    started.push(mock);
    return mock;
  };
}
