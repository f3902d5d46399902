// Reading a bundled OpenAPI document: the one $ref resolver, the HTTP methods an operation can have, and
// the walk over every operation. Every package that reads a spec reads it through these.

/** The methods a path item may have, in the order OpenAPI lists them. */
export const METHODS = /** @type {const} */ (['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Follows local $refs (`#/…`) of a bundled document until it reaches a node that is not one.
 * @param {any} document
 * @param {any} node
 * @returns {any}
 */
export function resolve(document, node) {
  let current = node;
  while (current?.$ref?.startsWith('#/')) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((/** @type {any} */ at, /** @type {string} */ key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  }
  return current;
}

/**
 * The document with every local $ref replaced by what it points at: one shared copy per target, so a
 * schema that refers to itself becomes a cycle rather than an endless tree. Keys beside a $ref (3.1
 * allows a description there) are laid over its target, as JSON Schema $ref parsers do.
 * @param {any} document
 * @returns {any}
 */
export function dereference(document) {
  const copies = new Map();
  /** @param {any} node @returns {any} */
  const copy = (node) => {
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
      const { $ref, ...beside } = node;
      const target = copy(resolve(document, { $ref }));
      return Object.keys(beside).length === 0 ? target : { ...target, ...copy(beside) };
    }
    if (copies.has(node)) return copies.get(node);
    const out = Array.isArray(node) ? [] : {};
    copies.set(node, out);
    for (const [key, value] of Object.entries(node)) /** @type {any} */ (out)[key] = copy(value);
    return out;
  };
  return copy(document);
}

/**
 * Every operation of the document, with its path, method and path item.
 * @param {any} document
 * @returns {{ path: string, method: typeof METHODS[number], operation: any, item: any }[]}
 */
export function operations(document) {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item?.[method]).map((method) => ({ path, method, operation: item[method], item })),
  );
}

/**
 * The properties of an object schema, with those of its allOf parts ($refs resolved).
 * @param {any} document
 * @param {any} schema
 * @returns {Record<string, any>}
 */
export function propertiesOf(document, schema) {
  const resolved = resolve(document, schema);
  if (!resolved) return {};
  return Object.assign(
    {},
    ...(resolved.allOf ?? []).map((/** @type {any} */ part) => propertiesOf(document, part)),
    resolved.properties ?? {},
  );
}

/**
 * Whether an operation of the document sends a body on GET (Pittaly Order's search): WHATWG fetch cannot,
 * so a client needs a transport that can (node:http).
 * @param {any} document
 * @returns {boolean}
 */
export function hasGetBodies(document) {
  return operations(document).some(({ method, operation }) => method === 'get' && operation.requestBody);
}
