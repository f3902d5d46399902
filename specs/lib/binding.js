// How an API reads a request's parameters, as its root declares in `x-akinai-request-binding`: by which
// methods (D.T.P's ASP.NET pages read the query string and the form alike), in which charset, and
// whether names match regardless of case. Fields also answer to the other names the vendor uses
// (`x-akinai-aliases` on a form property), and pages to other paths (`x-akinai-aliases` on an operation).
import { operations, propertiesOf, resolve } from './document.js';

/** @import { Document, RequestBinding } from './types.js' */

/**
 * The API's request binding; without the extension, the plain OpenAPI reading (POST forms, exact names).
 * @param {Document} document
 * @returns {{ methods: string[], parameterNames: RequestBinding['parameterNames'], charset?: string }}
 */
export function requestBinding(document) {
  const binding = /** @type {Partial<RequestBinding>} */ (document['x-akinai-request-binding'] ?? {});
  return { methods: binding.methods ?? [], parameterNames: binding.parameterNames ?? 'exact', charset: binding.charset };
}

/**
 * Where a request goes: the operation's path for a path or one of its aliases, else undefined.
 * @param {Document} document
 * @param {string} path
 * @returns {string | undefined}
 */
export function canonicalPath(document, path) {
  if (document.paths?.[path]) return path;
  return operations(document).find(({ operation }) => (operation['x-akinai-aliases'] ?? []).includes(path))?.path;
}

/**
 * Form fields under the names the operation's schema gives them: the exact name, else an alias, else
 * (when the binding says so) the same name in another case. Fields the schema does not know keep theirs.
 * @param {Document} document
 * @param {any} operation
 * @param {[string, string][]} fields
 * @returns {[string, string][]}
 */
export function canonicalFields(document, operation, fields) {
  const form = resolve(document, operation.requestBody)?.content?.['application/x-www-form-urlencoded']?.schema;
  const properties = propertiesOf(document, form);
  /** @type {Map<string, string>} */
  const names = new Map(Object.keys(properties).map((name) => [name, name]));
  for (const [name, property] of Object.entries(properties)) {
    for (const alias of property['x-akinai-aliases'] ?? []) names.set(alias, name);
  }
  const caseless = requestBinding(document).parameterNames === 'case-insensitive';
  /** @type {Map<string, string>} */
  const lower = new Map([...names].map(([name, canonical]) => [name.toLowerCase(), canonical]));
  return fields.map(([name, value]) => [names.get(name) ?? (caseless ? lower.get(name.toLowerCase()) : undefined) ?? name, value]);
}
