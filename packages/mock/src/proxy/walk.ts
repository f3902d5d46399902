// A value walked through the schema that describes it: every schema node that applies to a part of the
// value ($refs followed, allOf parts, the anyOf/oneOf branches the part is valid against), with where the
// node is in the document and where the part is in the value. The checker reads from it the inferred marks
// a value reached, the properties no schema names, and where personal data is.
import { pointerOf } from '@akinai/specs';

/** A place in the document or in a value: its keys, in order. */
export type Pointer = (string | number)[];

/** A pointer as JSON Pointer text, `#/components/schemas/Member` (the form the report shows). */
export const location = (pointer: Pointer): string =>
  `#/${pointer.map((part) => String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

/** A pointer as JSON Pointer text without the `#` (an instance path: `/members/0/id`). */
export const instancePath = (pointer: Pointer): string => location(pointer).slice(1);

/** The node at a pointer of the document. */
export const at = (document: unknown, pointer: Pointer): any =>
  pointer.reduce((node: any, key) => (node === null || typeof node !== 'object' ? undefined : node[key]), document);

/** The pointers a node's $refs lead through, starting with the node's own (local $refs only). */
export function chain(document: unknown, pointer: Pointer): Pointer[] {
  const out = [pointer];
  for (let node = at(document, pointer); typeof node?.$ref === 'string' && node.$ref.startsWith('#/') && out.length < 32; ) {
    const next = pointerOf(node.$ref);
    out.push(next);
    node = at(document, next);
  }
  return out;
}

export interface Visitor {
  /** A schema node (at `pointer` in the document) that applies to a part of the value (`value` at `where`). */
  node?(pointer: Pointer, node: any, value: unknown, where: Pointer): void;
  /** A property a schema names that the object at `where` lacks. */
  absent?(pointer: Pointer, node: any, required: boolean, where: Pointer): void;
}

/** An object of the value, and the property names the schemas applied to it declare. */
export interface Shape {
  where: Pointer;
  value: Record<string, unknown>;
  declared: Set<string>;
  /** Some schema applied to it declares names, so a name outside `declared` is one no schema names. */
  named: boolean;
}

/** How deep the walk follows $refs without descending into the value (a schema that refers to itself). */
const MAX_HOPS = 64;

/**
 * Walks `value` through the schema at `pointer`. `valid(pointer, node, value)` says whether a part is
 * valid against a schema node (to choose anyOf/oneOf branches). Returns the objects met, with the names
 * their schemas declare.
 */
export function walk(
  document: unknown,
  pointer: Pointer,
  value: unknown,
  valid: (pointer: Pointer, node: object, value: unknown) => boolean,
  visitor: Visitor = {},
): Shape[] {
  const shapes = new Map<object, Shape>();
  const refs = new Map<string, Pointer>();
  const visit = (here: Pointer, node: any, part: unknown, where: Pointer, hops: number): void => {
    if (node === null || typeof node !== 'object' || hops > MAX_HOPS) return;
    visitor.node?.(here, node, part, where);
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
      const target = refs.get(node.$ref) ?? pointerOf(node.$ref);
      refs.set(node.$ref, target);
      visit(target, at(document, target), part, where, hops + 1);
    }
    if (Array.isArray(node.allOf))
      for (const [i, schema] of node.allOf.entries()) visit([...here, 'allOf', i], schema, part, where, hops + 1);
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      if (!Array.isArray(node[keyword])) continue;
      const branches: [Pointer, object][] = node[keyword].map((branch: object, i: number) => [[...here, keyword, i], branch]);
      // The branches the part is valid against; if none, all of them (so that what they name is still known).
      const applying = branches.filter(([place, branch]) => valid(place, branch, part));
      for (const [place, branch] of applying.length > 0 ? applying : branches) visit(place, branch, part, where, hops + 1);
    }
    if (part !== null && typeof part === 'object' && !Array.isArray(part)) {
      const object = part as Record<string, unknown>;
      const shape = shapes.get(object) ?? { where, value: object, declared: new Set<string>(), named: false };
      shapes.set(object, shape);
      const properties: Record<string, unknown> = node.properties ?? {};
      if (node.properties) shape.named = true;
      const required: string[] = Array.isArray(node.required) ? node.required : [];
      for (const [name, property] of Object.entries(properties)) {
        shape.declared.add(name);
        if (Object.hasOwn(object, name)) visit([...here, 'properties', name], property, object[name], [...where, name], 0);
        else visitor.absent?.([...here, 'properties', name], property, required.includes(name), where);
      }
      const additional = node.additionalProperties;
      if (additional !== null && typeof additional === 'object') {
        for (const name of Object.keys(object)) {
          if (!Object.hasOwn(properties, name)) visit([...here, 'additionalProperties'], additional, object[name], [...where, name], 0);
        }
      }
    }
    if (Array.isArray(part) && node.items !== null && typeof node.items === 'object') {
      for (const [i, item] of part.entries()) visit([...here, 'items'], node.items, item, [...where, i], 0);
    }
    // A string holding JSON text (D.T.P's Attribute1): its content is walked as the schema says.
    if (typeof part === 'string' && node.contentSchema && /json/.test(String(node.contentMediaType))) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(part);
      } catch {
        return;
      }
      visit([...here, 'contentSchema'], node.contentSchema, parsed, where, hops + 1);
    }
  };
  visit(pointer, at(document, pointer), value, [], 0);
  return [...shapes.values()];
}
