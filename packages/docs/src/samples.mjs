// Code samples for every operation, generated from the bundled spec at build time (never written in
// the source spec): the call through @akinai/sdk in TypeScript, and curl against the local mock.
import { operations, resolve } from '@akinai/specs';

/** `pittaly-order` → `PittalyOrder`, the SDK's naming (createPittalyOrderClient). */
const pascal = (api) => api.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
const camel = (api) => pascal(api).replace(/^\w/, (c) => c.toLowerCase());
const envName = (api, name) => `${api.replace(/-/g, '_').toUpperCase()}_${name}`;

function exampleOf(document, holder) {
  const examples = Object.values(holder?.examples ?? {});
  if (examples.length > 0) return resolve(document, examples[0])?.value;
  return holder?.example ?? holder?.schema?.default;
}

/** The credentials each kind of security scheme needs, for the SDK (named as the SDK names them) and for curl. */
function credentials(document, api) {
  const scheme = resolve(document, Object.values(document.components?.securitySchemes ?? {})[0]);
  if (scheme?.type === 'http' && scheme.scheme === 'basic') {
    const user = scheme['x-akinai-user'] ?? 'username';
    return {
      sdk: `${user}: process.env.${envName(api, user.toUpperCase())} ?? '', password: process.env.${envName(api, 'PASSWORD')} ?? ''`,
      curl: [`-u 'user@example.jp:password'`],
    };
  }
  if (scheme?.type === 'apiKey' && scheme.in === 'header') {
    return { sdk: `apiKey: process.env.${envName(api, 'API_KEY')} ?? ''`, curl: [`-H '${scheme.name}: any-key'`] };
  }
  if (scheme?.type === 'apiKey' && scheme.in === 'cookie') {
    // A session the client opens itself (D.T.P: Auth sets the cookies); with curl, any cookie values pass the mock.
    const cookies = Object.values(document.components.securitySchemes).map((s) => `${resolve(document, s).name}=any`);
    return {
      sdk: `loginId: process.env.${envName(api, 'LOGIN_ID')} ?? '', password: process.env.${envName(api, 'PASSWORD')} ?? ''`,
      curl: [`-b '${cookies.join('; ')}'`],
    };
  }
  return { sdk: '', curl: [] };
}

const literal = (value, indent) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Redoc 3 (CE) shows an operation's x-codeSamples only for languages of its own fixed list, named as it
 * names them, and only those its `codeSamples` option enables. The SDK sample takes the Node.js slot:
 * it is written to be valid TypeScript and JavaScript alike (a test type-checks every one).
 */
export const sampleLanguages = [
  { key: 'node', label: 'Node.js', lang: 'javascript' },
  { key: 'curl', label: 'curl', lang: 'bash' },
  { key: 'payload', label: 'Payload', lang: 'payload' },
];

/** { operationId: [{ lang, label, source }] } for every operation of a bundled spec. */
export function codeSamples(document, api, mockPort) {
  const auth = credentials(document, api);
  // A server URL with variables (a tenant's host and site) has no default a user could call.
  const baseUrl =
    Object.keys(document.servers?.[0]?.variables ?? {}).length > 0 ? `baseUrl: process.env.${envName(api, 'BASE_URL')} ?? '', ` : '';
  const client = camel(api);
  const samples = {};
  for (const { path, method, operation, item } of operations(document)) {
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => resolve(document, p));
    const pathParams = Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, exampleOf(document, p)]));
    const query = Object.fromEntries(parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, exampleOf(document, p)]));
    const [bodyType, bodyContent] = Object.entries(resolve(document, operation.requestBody)?.content ?? {})[0] ?? [];
    const body = bodyContent ? exampleOf(document, bodyContent) : undefined;
    const form = bodyType === 'application/x-www-form-urlencoded';

    const params = {
      ...(Object.keys(pathParams).length > 0 && { path: pathParams }),
      ...(Object.keys(query).length > 0 && { query }),
    };
    const init = { ...(Object.keys(params).length > 0 && { params }), ...(body !== undefined && { body }) };
    const call = Object.keys(init).length > 0 ? `'${path}', ${literal(init, '')}` : `'${path}'`;
    const typescript = [
      `import { create${pascal(api)}Client } from '@akinai/sdk/${api}';`,
      '',
      `const ${client} = create${pascal(api)}Client({ ${baseUrl}${auth.sdk} });`,
      `const { data, error } = await ${client}.${method.toUpperCase()}(${call});`,
    ].join('\n');

    const url =
      `http://127.0.0.1:${mockPort}${path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(pathParams[name])))}` +
      (Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : '');
    // The headers the vendor's pages show on every request (x-akinai-request-headers), then the body's type.
    const headers = new Map(
      Object.entries(document['x-akinai-request-headers'] ?? {}).map(([name, value]) => [name.toLowerCase(), `${name}: ${value}`]),
    );
    if (body !== undefined)
      headers.set('content-type', `Content-Type: ${form ? 'application/x-www-form-urlencoded; charset=utf-8' : 'application/json'}`);
    const curl = [
      // The mock reads a form in the charset its Content-Type names; the vendor's server needs Shift_JIS.
      ...(form ? ["# the mock takes UTF-8 forms when told so; the vendor's server reads Shift_JIS (the SDK sends that)"] : []),
      [
        `curl -X ${method.toUpperCase()} ${shellQuote(url)}`,
        ...auth.curl,
        ...[...headers.values()].map((header) => `-H ${shellQuote(header)}`),
        ...(body === undefined
          ? []
          : form
            ? Object.entries(body).map(([name, value]) => `--data-urlencode ${shellQuote(`${name}=${value}`)}`)
            : [`-d ${shellQuote(JSON.stringify(body))}`]),
      ].join(' \\\n  '),
    ].join('\n');

    samples[operation.operationId] = [
      { lang: 'Node.js', label: 'Node.js', source: typescript },
      { lang: 'curl', label: 'curl', source: curl },
    ];
  }
  return samples;
}

/** What the mock can be asked for, per operation: every status (Prefer: code=…) and named example. */
export function mockScenarios(document) {
  return operations(document).map(({ path, method, operation }) => ({
    call: `${method.toUpperCase()} ${path}`,
    statuses: Object.keys(operation.responses),
    examples: Object.values(operation.responses).flatMap((r) =>
      Object.keys(resolve(document, r)?.content?.['application/json']?.examples ?? {}),
    ),
  }));
}
