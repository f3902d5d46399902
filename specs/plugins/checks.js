// The checks a spec makes of a vendor's values hold the vendor to what it said, and no more:
// - stated-checks: a `pattern` or a `required` list says where the vendor states it — `x-akinai-source`
//   (a table, a column, a section) or, when it is our reading, `x-akinai-inferred` (a status text, an
//   example). The mark stands on the schema itself, on the parameter that holds it, or on the schema whose
//   anyOf/oneOf/allOf/if/then/else part it is; beside a `$ref` it stands beside the `$ref`.
// - bounded-numbers (for APIs whose tables give numbers a digit count, D.T.P): a numeric field has a
//   lower and an upper bound (minimum/maximum, exclusive or not) or an enum, so that a number, not only
//   its digits, is held to the vendor's limit.
// Redocly visits a schema reached through a `$ref` once, as its target, without the keys beside the
// `$ref`: those are read here from the referring node.
import { resolvedAt } from './resolved.js';

const MARKS = ['x-akinai-source', 'x-akinai-inferred'];
const PARTS = ['allOf', 'anyOf', 'oneOf'];
const BRANCHES = ['if', 'then', 'else'];

const marked = (node) => MARKS.some((mark) => typeof node?.[mark] === 'string');
const states = (node) => typeof node?.pattern === 'string' || (Array.isArray(node?.required) && node.required.length > 0);
const partsOf = (schema) => [...PARTS.flatMap((key) => schema[key] ?? []), ...BRANCHES.map((key) => schema[key]).filter(Boolean)];

export function statedChecks() {
  const covered = new WeakSet();
  const report = (ctx, where, what) =>
    ctx.report({
      message: `${what} needs the vendor's statement it comes from (x-akinai-source) or why it is inferred (x-akinai-inferred).`,
      location: where,
    });
  return {
    Parameter: {
      enter(parameter) {
        if (marked(parameter) && parameter.schema) covered.add(parameter.schema);
      },
    },
    Schema: {
      enter(schema, ctx) {
        if (marked(schema) || covered.has(schema)) for (const part of partsOf(schema)) covered.add(part);
        else if (states(schema))
          report(ctx, ctx.location.child([typeof schema.pattern === 'string' ? 'pattern' : 'required']), what(schema));
        // Keys beside a $ref: Redocly visits only the target.
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          if (property?.$ref && states(property) && !marked(property))
            report(ctx, ctx.location.child(['properties', name]), `${what(property)} beside the $ref of ${name}`);
        }
      },
    },
  };
}

function what(schema) {
  return typeof schema.pattern === 'string' ? `The pattern ${schema.pattern}` : `The required list [${schema.required.join(', ')}]`;
}

export function boundedNumbers() {
  return {
    Schema: {
      enter(schema, ctx) {
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          const unbounded = unboundedNumber(property, ctx);
          if (unbounded)
            ctx.report({
              message: `The numeric field ${name} has no ${unbounded}: give it the vendor's digits as minimum and maximum (or an enum), marked x-akinai-inferred where the vendor gives none.`,
              location: ctx.location.child(['properties', name]),
            });
        }
      },
    },
  };
}

/** What a numeric schema lacks ('upper bound', 'lower bound'), undefined when it is bounded or not a number. */
function unboundedNumber(node, ctx, from = undefined, seen = new Set()) {
  if (!node || typeof node !== 'object' || seen.has(node)) return undefined;
  seen.add(node);
  const { node: schema = node, from: base } = resolvedAt(node, ctx, from);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map((variant) => unboundedNumber(variant, ctx, base, seen)).find(Boolean);
  const types = [schema.type].flat();
  if (!types.includes('integer') && !types.includes('number')) return undefined;
  if (schema.enum || 'const' in schema) return undefined;
  if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) return 'upper bound';
  if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) return 'lower bound';
  return undefined;
}
