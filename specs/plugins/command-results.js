// Bundle time: each command of a command API (an operation with x-akinai-status-codes) gets a named
// example of its answer for every code of its table (`code-<code>`: the code and the vendor's message in
// the properties the root's x-akinai-command-result names, every other field null), unless the source
// writes that one itself. Commands share request and answer definitions in the source
// (components/requestBodies, components/responses); as each command's answer carries its own examples,
// the bundle gives each command its own copy.
const clone = (node) => structuredClone(node);
/** The server's Status: the table's text, less the condition the table adds (`… (mode=Cの場合)`). */
const message = (status) => status.replace(/\s*\([^)]*の場合\)$/, '');

export function commandResults() {
  let result;
  return {
    Root: {
      enter(root) {
        result = root['x-akinai-command-result'];
      },
    },
    Operation: {
      leave(operation, ctx) {
        const table = operation['x-akinai-status-codes'];
        if (!table || !result) return; // without the root's declaration, the lint names the table
        if (operation.requestBody?.$ref) operation.requestBody = clone(ctx.resolve(operation.requestBody).node);
        const ok = operation.responses?.['200'];
        if (ok?.$ref) operation.responses['200'] = clone(ctx.resolve(ok).node);
        const media = operation.responses['200'].content['application/json'];
        const fields = Object.keys(properties(media.schema, ctx)).filter((name) => name !== result.code && name !== result.status);
        const [first, ...rest] = Object.entries(media.examples ?? {});
        const codes = table
          .filter((entry) => entry.to === undefined)
          .map(({ code, status }) => {
            const name = `code${code}`;
            const written = rest.find(([key]) => key === name);
            const value = {
              [result.code]: code,
              [result.status]: message(status),
              ...Object.fromEntries(fields.map((field) => [field, null])),
            };
            return written ?? [name, { summary: `${code} ${status}`, value }];
          });
        const others = rest.filter(([key]) => !codes.some(([name]) => name === key));
        media.examples = Object.fromEntries([...(first ? [first] : []), ...codes, ...others]);
      },
    },
  };
}

/** The properties of a schema, with its allOf parts', $refs resolved; aliases of another property left out. */
function properties(schema, ctx) {
  const node = schema?.$ref ? ctx.resolve(schema).node : schema;
  if (!node) return {};
  const own = Object.fromEntries(Object.entries(node.properties ?? {}).filter(([, property]) => !property['x-akinai-alias-of']));
  return Object.assign({}, ...(node.allOf ?? []).map((part) => properties(part, ctx)), own);
}
