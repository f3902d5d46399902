// Reading a bundled OpenAPI document: the one $ref resolver, the HTTP methods an operation can have, and
// the walk over every operation. Every package that reads a spec reads it through these.

/** @import { Document, Operation, PathItem } from './types.js' */

/** The methods a path item may have, in the order OpenAPI lists them. */
export const METHODS = /** @type {const} */ (['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * The JSON pointer of a local $ref (`#/components/schemas/Member`), as keys: `~1` is `/`, `~0` is `~`,
 * percent-escapes decoded.
 * @param {string} ref
 * @returns {string[]}
 */
export function pointerOf(ref) {
  return ref
    .slice(2)
    .split('/')
    .map((key) => {
      let text = key;
      try {
        text = decodeURIComponent(key);
      } catch {}
      return text.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/**
 * Where a JSON pointer of the document leads: its local $refs followed until a node that is not one (a
 * cycle of $refs stops where it closes), and the pointer of that node (where a validator compiles it).
 * @param {unknown} document
 * @param {(string | number)[]} pointer
 * @returns {{ node: any, pointer: (string | number)[] }}
 */
export function locate(document, pointer) {
  let node = valueAt(document, pointer);
  const seen = new Set();
  while (typeof node?.$ref === 'string' && node.$ref.startsWith('#/') && !seen.has(node.$ref)) {
    seen.add(node.$ref);
    pointer = pointerOf(node.$ref);
    node = valueAt(document, pointer);
  }
  return { node, pointer };
}

/**
 * The node at a JSON pointer of the document, as it is ($refs not followed); undefined where there is none.
 * @param {unknown} document
 * @param {(string | number)[]} pointer
 * @returns {any}
 */
export function valueAt(document, pointer) {
  return pointer.reduce((/** @type {any} */ node, key) => node?.[key], document);
}

/**
 * A node of the document with its local $refs followed (`#/…`) until one that is not a $ref: the one
 * resolver every reader uses.
 * @param {unknown} document
 * @param {any} node
 * @returns {any}
 */
export function resolve(document, node) {
  return typeof node?.$ref === 'string' && node.$ref.startsWith('#/') ? locate(document, pointerOf(node.$ref)).node : node;
}

/**
 * The document with every local $ref replaced by what it points at: one shared copy per target, so a
 * schema that refers to itself becomes a cycle rather than an endless tree. Keys beside a $ref (3.1
 * allows a description there) are laid over its target, as JSON Schema $ref parsers do.
 * @param {unknown} document
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
 * Every operation of the document, with its path, method and path item (a bundle's are never $refs).
 * @param {Document} document
 * @returns {{ path: string, method: typeof METHODS[number], operation: Operation, item: PathItem }[]}
 */
export function operations(document) {
  return Object.entries(document.paths ?? {}).flatMap(([path, node]) => {
    const item = /** @type {PathItem} */ (node);
    return METHODS.filter((method) => item?.[method]).map((method) => ({
      path,
      method,
      operation: /** @type {Operation} */ (item[method]),
      item,
    }));
  });
}

/**
 * The properties of an object schema, with those of its allOf parts ($refs resolved).
 * @param {Document} document
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
 * @param {Document} document
 * @returns {boolean}
 */
export function hasGetBodies(document) {
  return operations(document).some(({ method, operation }) => method === 'get' && operation.requestBody);
}
