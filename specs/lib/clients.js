// What an API's SDK client is called, and which credentials it takes: derived here once from the API's
// name and its spec's security schemes, for the SDK generator (emitted into the generated module) and
// the docs' samples alike. A scheme no client can send (bearer, OAuth2…) is an error naming it and the file.
import { operations, resolve } from './document.js';

/**
 * The names of an API's client, from the API's name: `pittaly-order` → `createPittalyOrderClient`.
 * @param {string} api
 * @returns {{ factory: string, type: string, variable: string }}
 */
export function clientNames(api) {
  const pascal = api.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
  return { factory: `create${pascal}Client`, type: `${pascal}Client`, variable: pascal.replace(/^\w/, (c) => c.toLowerCase()) };
}

/**
 * @typedef {object} Credentials
 * @property {string[]} headers the headers the spec's schemes carry credentials in (redacted wherever they appear)
 * @property {string[]} cookies the cookies they carry them in (a session a login operation opens)
 * @property {string} [apiKey] an API key's header: the client takes `apiKey`
 * @property {string} [basicUser] HTTP Basic: the option the user goes in (`x-akinai-user`, else `username`), beside `password`
 * @property {{ operationId: string, path: string, fields: Record<string, string> }} [login] a cookie session: the
 *   operation that opens it (the one that needs no credentials, `security: []`) and its form's required fields by option name
 * @property {string[]} options the client's credential options, in the order a user writes them
 */

/**
 * The credentials a client of the spec sends, and the options it takes them by. Supported: an API key in
 * a header, HTTP Basic, and cookies a login operation of the spec sets.
 * @param {import("./types.js").Document} document the bundled spec
 * @param {string} [file] the spec's root file, named in errors (default: the spec's title)
 * @returns {Credentials}
 */
export function credentialsOf(document, file = document.info?.title ?? 'the spec') {
  const schemes = Object.entries(document.components?.securitySchemes ?? {}).map(([name, scheme]) => [name, resolve(document, scheme)]);
  for (const [name, scheme] of schemes) {
    const supported =
      (scheme.type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'cookie')) ||
      (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic');
    if (!supported) {
      const kind = [scheme.type, scheme.scheme ?? scheme.in].filter(Boolean).join(' ');
      throw new Error(
        `${file}: security scheme ${name} (${kind}) is not supported: an akinai client sends an API key in a header, ` +
          'HTTP Basic, or the cookies a login operation sets.',
      );
    }
  }
  const key = schemes.find(([, s]) => s.type === 'apiKey' && s.in === 'header')?.[1];
  const basic = schemes.find(([, s]) => s.type === 'http')?.[1];
  const cookies = schemes.filter(([, s]) => s.type === 'apiKey' && s.in === 'cookie').map(([, s]) => s.name);
  const headers = [...new Set([...(key ? [key.name] : []), ...(basic ? ['Authorization'] : [])])];
  if (key) return { headers, cookies, apiKey: key.name, options: ['apiKey'] };
  if (basic) {
    const user = basic['x-akinai-user'] ?? 'username';
    return { headers, cookies, basicUser: user, options: [user, 'password'] };
  }
  if (cookies.length > 0) {
    const login = loginOf(document, file);
    return { headers, cookies, login, options: Object.keys(login.fields) };
  }
  return { headers, cookies, options: [] };
}

/** The operation that opens a cookie session: the one that needs no credentials, and its form's required fields. */
function loginOf(document, file) {
  const login = operations(document).find(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0);
  const form = resolve(document, login?.operation.requestBody)?.content?.['application/x-www-form-urlencoded']?.schema;
  if (!login || !form?.required)
    throw new Error(`${file}: its credentials are cookies, and no operation opens the session (one with \`security: []\` and a form).`);
  const camel = (/** @type {string} */ field) => field.replace(/_(\w)/g, (_, c) => c.toUpperCase());
  return {
    operationId: String(login.operation.operationId),
    path: login.path,
    fields: Object.fromEntries(form.required.map((/** @type {string} */ field) => [camel(field), field])),
  };
}
