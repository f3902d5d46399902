// Other names the vendor sends a response property under (`x-akinai-alias-of` on the alias, beside the
// property in the same schema, and `anyOf` alternatives that require one name or the other). The wire
// contract accepts every spelling; a client that renames aliases to their property sees the document
// `withoutAliases` gives.

/**
 * The aliases of an object schema's properties: alias → property.
 * @param {any} schema
 * @returns {Record<string, string>}
 */
export function aliasesOf(schema) {
  return Object.fromEntries(
    Object.entries(schema?.properties ?? {})
      .filter(([, property]) => property?.['x-akinai-alias-of'])
      .map(([alias, property]) => [alias, property['x-akinai-alias-of']]),
  );
}

/**
 * The document as a client that renames every alias to its property sees it: alias properties gone, and
 * a property required under any of its names (`anyOf: [{ required: [P] }, { required: [alias] }]`)
 * required under its own.
 * @template T
 * @param {T} document
 * @returns {T}
 */
export function withoutAliases(document) {
  const copy = structuredClone(document);
  visit(copy);
  return copy;
}

/** @param {any} node */
function visit(node) {
  if (Array.isArray(node)) return node.forEach(visit);
  if (!node || typeof node !== 'object') return;
  const aliases = aliasesOf(node);
  if (Object.keys(aliases).length > 0) {
    for (const alias of Object.keys(aliases)) delete node.properties[alias];
    for (const key of ['anyOf', 'oneOf']) {
      const names = (node[key] ?? []).map((/** @type {any} */ part) =>
        Object.keys(part).length === 1 && part.required?.length === 1 ? part.required[0] : undefined,
      );
      const properties = new Set(names.map((/** @type {string} */ name) => aliases[name] ?? name));
      if (names.length === 0 || names.includes(undefined) || properties.size !== 1) continue;
      delete node[key];
      node.required = [...new Set([...(node.required ?? []), ...properties])];
    }
  }
  Object.values(node).forEach(visit);
}
