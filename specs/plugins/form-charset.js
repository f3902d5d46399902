// Bundle time: the charset an API's server reads forms in (`x-akinai-request-binding.charset`, D.T.P's
// Shift_JIS) stated where OpenAPI tools read it — an `encoding` entry per form field, `contentType:
// text/plain; charset=…` (a JSON-text field: its contentMediaType) — unless the source writes that field's encoding itself. (The media type key
// stays `application/x-www-form-urlencoded`: with `; charset=` in the key, openapi-typescript changes the
// body's content key and @hey-api/openapi-ts sends that charset on the UTF-8 bytes it encodes.)
const FORM = 'application/x-www-form-urlencoded';

export function formCharset() {
  let charset;
  return {
    Root: {
      enter(root) {
        charset = root['x-akinai-request-binding']?.charset;
      },
    },
    MediaTypesMap: {
      leave(content, ctx) {
        const media = content[FORM];
        if (!charset || !media?.schema) return;
        const encoding = { ...(media.encoding ?? {}) };
        for (const [field, property] of Object.entries(properties(media.schema, ctx))) {
          // A field of JSON text (contentMediaType) is that type, in the same charset.
          const type = (property.$ref ? ctx.resolve(property).node : property)?.contentMediaType ?? 'text/plain';
          encoding[field] ??= { contentType: `${type}; charset=${charset}` };
        }
        media.encoding = encoding;
      },
    },
  };
}

/** The properties of a schema, with its allOf parts', $refs resolved. */
function properties(schema, ctx) {
  const node = schema?.$ref ? ctx.resolve(schema).node : schema;
  if (!node) return {};
  return Object.assign({}, ...(node.allOf ?? []).map((part) => properties(part, ctx)), node.properties ?? {});
}
