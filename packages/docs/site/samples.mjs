// Code samples for every operation, generated from the bundled spec at build time (never written in
// the source spec): the call through @akinai/sdk in TypeScript, and curl against the local mock.
import { clientNames, credentialsOf, operations, resolve } from '@akinai/specs';

/** An environment variable of an API's sample: `pittaly-order`, `loginId` → `PITTALY_ORDER_LOGIN_ID`. */
const envName = (api, name) => `${api}_${name.replace(/[A-Z]/g, (c) => `_${c}`)}`.replace(/-/g, '_').toUpperCase();

function exampleOf(document, holder) {
  const examples = Object.values(holder?.examples ?? {});
  if (examples.length > 0) return resolve(document, examples[0])?.value;
  return holder?.example ?? holder?.schema?.default;
}

/** The credentials a client takes (named as the SDK names them, from @akinai/specs), and curl's. */
function credentials(document, api, file) {
  const { options, apiKey, basicUser, cookies } = credentialsOf(document, file);
  const sdk = options.map((option) => `${option}: process.env.${envName(api, option)} ?? ''`).join(', ');
  // With curl, any key, user and cookie values pass the mock (a session the SDK opens itself, by its login).
  const curl = apiKey
    ? [`-H '${apiKey}: any-key'`]
    : basicUser
      ? [`-u 'user@example.jp:password'`]
      : cookies.length > 0
        ? [`-b '${cookies.map((name) => `${name}=any`).join('; ')}'`]
        : [];
  return { sdk, curl };
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

/** { operationId: [{ lang, label, source }] } for every operation of a bundled spec (`file`: its root, for errors). */
export function codeSamples(document, api, mockPort, file) {
  const auth = credentials(document, api, file);
  // A server URL with variables (a tenant's host and site) has no default a user could call.
  const baseUrl =
    Object.keys(document.servers?.[0]?.variables ?? {}).length > 0 ? `baseUrl: process.env.${envName(api, 'baseUrl')} ?? '', ` : '';
  const { factory, variable: client } = clientNames(api);
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
      `import { ${factory} } from '@akinai/sdk/${api}';`,
      '',
      `const ${client} = ${factory}({ ${baseUrl}${auth.sdk} });`,
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
    statuses: Object.keys(operation.responses ?? {}),
    examples: Object.values(operation.responses ?? {}).flatMap((r) =>
      Object.keys(resolve(document, r)?.content?.['application/json']?.examples ?? {}),
    ),
  }));
}
