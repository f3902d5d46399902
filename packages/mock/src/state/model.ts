// What an API's spec says about the state its mock keeps: the resources (`x-akinai-resources` at the
// root: key, parent, seed, generated fields, natural key, fields that name other records) and, per
// operation, what it does to them (`x-akinai-state`).
// Also the routes: every operation's method and path template, matched against a request's path.
import { operations, resolve } from '@akinai/specs';
import type { Document, Generated, Operation, ResourceDecl, StateDecl } from '@akinai/specs/types';

// The declarations' shapes are their JSON Schemas' (@akinai/specs): one contract for every reader.
export type { Filter, Generated, Paging, Reference, StateDecl } from '@akinai/specs/types';

/** A resource as the mock holds it: its declaration, named, with its seed's records read out of the examples. */
export interface Resource extends Omit<ResourceDecl, 'seed' | 'generated'> {
  name: string;
  seed: { parent?: unknown; records: Record<string, unknown>[] }[];
  generated: Record<string, Generated>;
}

/** One operation of the spec, as the mock routes and answers it. */
export interface Route {
  operationId: string;
  method: string;
  path: string;
  operation: Operation;
  state: StateDecl | undefined;
  /** The status of its first documented success. */
  success: number;
  /** Its rate limit, if the spec declares one. */
  requestsPerSecond: number | undefined;
  /** Where its path's parameters are, and how to read them out of a request's path. */
  pattern: RegExp;
  params: string[];
}

export interface Model {
  resources: Map<string, Resource>;
  routes: Route[];
  /** The route of a request, with its path parameters (decoded), or undefined. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined;
}

export function readModel(document: Document): Model {
  const resources = new Map<string, Resource>();
  for (const [name, declared] of Object.entries(document['x-akinai-resources'] ?? {})) {
    const seed = (declared.seed ?? []).map((entry) => {
      const ref = typeof entry === 'string' ? entry : entry.example;
      const at = typeof entry === 'string' ? '' : (entry.at ?? '');
      const value: any = pointer(resolve(document, { $ref: ref })?.value, at);
      if (value === undefined) throw new Error(`x-akinai-resources.${name}: no example at ${ref}${at}`);
      const list = Array.isArray(value)
        ? value
        : Array.isArray(value?.[itemsOf(document, name)])
          ? value[itemsOf(document, name)]
          : [value];
      return { parent: typeof entry === 'string' ? undefined : entry.parent, records: list };
    });
    resources.set(name, {
      name,
      key: declared.key,
      parent: declared.parent,
      seed,
      generated: declared.generated ?? {},
      unique: declared.unique,
      references: declared.references,
    });
  }
  const routes: Route[] = operations(document).map(({ path, method, operation }) => {
    const params: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
        params.push(name);
        return '([^/]+)';
      })}$`,
    );
    const success = Number(Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status)) ?? 200);
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path,
      operation,
      state: operation['x-akinai-state'],
      success,
      requestsPerSecond: operation['x-akinai-rate-limit']?.requestsPerSecond,
      pattern,
      params,
    };
  });
  // Literal paths before templates (/members/bulk is not /members/{member_id}).
  routes.sort((a, b) => a.params.length - b.params.length);
  return {
    resources,
    routes,
    match(method, path) {
      for (const route of routes) {
        if (route.method !== method) continue;
        const found = route.pattern.exec(path);
        if (!found) continue;
        try {
          return { route, params: Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(found[i + 1]!)])) };
        } catch {
          return undefined;
        }
      }
      return undefined;
    },
  };
}

/** The value at a JSON pointer (`/rank`) inside an example's value. */
function pointer(value: unknown, at: string): unknown {
  if (at === '') return value;
  return at
    .slice(1)
    .split('/')
    .reduce((node: any, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], value);
}

/** The property a list operation of the resource puts its items under, for seeds that are whole pages. */
function itemsOf(document: Document, resource: string): string {
  for (const { operation } of operations(document)) {
    const state = operation['x-akinai-state'];
    if (state?.resource === resource && state.page?.envelope) return state.page.envelope.items;
  }
  return '';
}
