// Every documented status and every named example of every operation is reachable on demand, as users'
// tests need it: `Prefer: code=<status>` answers with the spec's example for that status; `Prefer:
// example=<name>` picks a named example (D.T.P answers every error with HTTP 200 and a named example).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apis, specPath, startMock, type ApiName, type RunningMock } from '../src/index.js';

type Doc = any;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const resolve = (doc: Doc, node: any): any =>
  node?.$ref
    ? resolve(
        doc,
        node.$ref
          .slice(2)
          .split('/')
          .reduce((at: any, key: string) => at[key], doc),
      )
    : node;
const firstExample = (doc: Doc, holder: any) => resolve(doc, Object.values(holder?.examples ?? {})[0])?.value;

/** A valid request for an operation, built from the spec's own examples. */
function validRequest(doc: Doc, path: string, method: string) {
  const item = doc.paths[path];
  const operation = item[method];
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p: any) => resolve(doc, p));
  const url = path.replace(/\{([^}]+)\}/g, (_, name) =>
    String(
      firstExample(
        doc,
        parameters.find((p: any) => p.name === name),
      ),
    ),
  );
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const scheme of Object.values(doc.components.securitySchemes) as any[]) {
    if (scheme.type === 'apiKey' && scheme.in === 'header') headers[scheme.name] = 'eyJ0.e30.sig';
    if (scheme.type === 'apiKey' && scheme.in === 'cookie') cookies.push(`${scheme.name}=session`);
    if (scheme.type === 'http') headers.authorization = 'Basic dTpw';
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  const [type, content] = Object.entries(resolve(doc, operation.requestBody)?.content ?? {})[0] ?? [];
  const value = content ? firstExample(doc, content) : undefined;
  const body =
    value === undefined ? undefined : type === 'application/json' ? JSON.stringify(value) : new URLSearchParams(value).toString();
  // URLSearchParams encodes in UTF-8, which a form must then say (D.T.P reads forms in Shift_JIS otherwise).
  const contentType = type === 'application/json' ? type : `${type}; charset=utf-8`;
  if (body) Object.assign(headers, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  return { url, method: method.toUpperCase(), headers, body, operation };
}

describe.each(Object.keys(apis) as ApiName[])('%s', (api) => {
  const doc = JSON.parse(readFileSync(specPath(api), 'utf8'));
  const cases = Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).flatMap((method) =>
      Object.entries(item[method].responses as Record<string, any>).flatMap(([status, response]) => [
        [`${method.toUpperCase()} ${path} → ${status}`, path, method, status, undefined] as const,
        ...Object.keys(resolve(doc, response)?.content?.['application/json']?.examples ?? {})
          .slice(1)
          .map((name) => [`${method.toUpperCase()} ${path} → ${status} ${name}`, path, method, status, name] as const),
      ]),
    ),
  );
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock(api, { validateResponses: true });
  });
  afterAll(() => mock?.close());

  it.each(cases)('%s', async (_, path, method, status, name) => {
    const { url, method: verb, headers, body, operation } = validRequest(doc, path, method);
    const { request } = await import('node:http');
    // node:http, not fetch: some of these operations send a body on GET.
    const answer = await new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request(
        `${mock.url}${url}`,
        { method: verb, headers: { ...headers, prefer: name ? `code=${status}, example=${name}` : `code=${status}` } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', fail);
      req.end(body);
    });
    expect(answer.status).toBe(Number(status));
    const examples = resolve(doc, operation.responses[status])?.content?.['application/json'];
    const example = name ? resolve(doc, examples.examples[name]).value : firstExample(doc, examples);
    if (example !== undefined) expect(JSON.parse(answer.body)).toEqual(example);
  });
});
