// Bundle time: the checks of a request that renderers do not show are also written in words. Redoc
// renders an if/then as unlabelled tabs ("case 1", "case 2") that never name the condition, and a form
// field of JSON text (contentMediaType, contentSchema) as a plain string: so a requirement that holds on a
// condition goes into the operation's description, and the fields of a JSON-text value, with their
// checks, into that field's description. Generated from the schema, they cannot drift from it.
import { resolvedAt } from './resolved.js';

const code = (text) => `\`${text}\``;

export function visibleChecks() {
  return {
    Operation: {
      leave(operation, ctx) {
        const body = resolved(operation.requestBody, ctx);
        for (const media of Object.values(body?.content ?? {})) {
          const line = conditionalRequirement(resolved(media.schema, ctx));
          if (line && !operation.description?.includes(line)) operation.description = `${operation.description ?? ''}\n\n${line}`.trim();
        }
      },
    },
    Schema: {
      leave(schema, ctx) {
        if (schema.contentMediaType !== 'application/json' || !schema.contentSchema) return;
        const content = resolvedAt(schema.contentSchema, ctx);
        const items = resolvedAt(content.node?.items, ctx, content.from);
        if (!items.node?.properties) return;
        const required = items.node.required ?? [];
        const line = `JSON の各要素の項目: ${Object.entries(items.node.properties)
          .map(([name, property]) => `${code(name)}（${checks(resolvedAt(property, ctx, items.from).node, required.includes(name))}）`)
          .join('、')}。`;
        if (!schema.description?.includes(line)) schema.description = `${schema.description ?? ''}\n\n${line}`.trim();
      },
    },
  };
}

const resolved = (node, ctx) => resolvedAt(node, ctx).node;

/** `if: { properties: { Mode: { const: C } } }, then: { required: […] }` in words; undefined for any other shape. */
function conditionalRequirement(schema) {
  const condition = Object.entries(schema?.if?.properties ?? {}).map(([name, property]) => [name, property?.const]);
  const required = schema?.then?.required;
  if (condition.length === 0 || condition.some(([, value]) => value === undefined) || !required?.length) return undefined;
  const when = condition.map(([name, value]) => `${code(name)} が ${code(value)}`).join('、');
  return `**条件つきの必須**: ${when} のとき、${required.map(code).join('・')} も必須。`;
}

/** A field's checks in words: required, length, range, digits, values. */
function checks(schema, required) {
  const parts = required ? ['必須'] : ['省略可'];
  if (schema.maxLength !== undefined) parts.push(`${schema.maxLength} 文字まで`);
  if (schema.minimum !== undefined) parts.push(`${schema.minimum} 以上`);
  else if (schema.exclusiveMinimum !== undefined) parts.push(`${schema.exclusiveMinimum} より大きい`);
  if (schema.maximum !== undefined) parts.push(`${schema.maximum} 以下`);
  else if (schema.exclusiveMaximum !== undefined) parts.push(`${schema.exclusiveMaximum} 未満`);
  if (schema.pattern !== undefined) parts.push(`形式 ${code(schema.pattern)}`);
  if (schema.enum !== undefined) parts.push(schema.enum.map((value) => code(value)).join('・'));
  return parts.join('、');
}
