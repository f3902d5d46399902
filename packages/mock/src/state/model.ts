// What an API's spec says about the state its mock keeps: the resources (`x-akinai-resources` at the
// root: key, parent, seed, generated fields, natural key, fields that name other records) and, per
// operation, what it does to them (`x-akinai-state`).
// Also the routes: every operation's method and path template, matched against a request's path.
import { operations, resolve } from '@akinai/specs';

export type Generated = 'sequence' | { time: 'unix' | 'timestamp'; on: 'create' | 'write' } | { template: string } | { value: unknown };

/** A field whose value is the record of another resource that an input field names by its key (`rank` by `member_rank_id`). */
export interface Reference {
  from: string;
  resource: string;
}

export interface Resource {
  name: string;
  key: string;
  parent?: { resource: string; param: string; embedIn?: string };
  seed: { parent?: unknown; records: Record<string, unknown>[] }[];
  generated: Record<string, Generated>;
  /** Fields whose values together name at most one record (a natural key: Pittaly's three codes). */
  unique?: string[];
  references?: Record<string, Reference>;
}

export interface Filter {
  field?: string;
  fields?: string[];
  match: 'any-of' | 'equals' | 'contains' | 'from' | 'to';
  format?: 'jst-datetime' | 'date-midnight';
}

export interface Paging {
  param: string;
  sizeParam?: string;
  size: number;
  cursor?: { param: string; header: string };
  envelope?: { items: string; total: string; current?: string; last?: string };
}

export interface StateDecl {
  resource: string;
  action: 'list' | 'read' | 'create' | 'update' | 'delete' | 'create-many' | 'update-many' | 'batch' | 'effect';
  param?: string;
  effect?: string;
  page?: Paging;
  filters?: Record<string, Filter>;
  rows?: string;
  deleteFlag?: string;
  count?: string;
}

/** One operation of the spec, as the mock routes and answers it. */
export interface Route {
  operationId: string;
  method: string;
  path: string;
  operation: any;
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

export function readModel(document: any): Model {
  const resources = new Map<string, Resource>();
  for (const [name, declared] of Object.entries<any>(document['x-akinai-resources'] ?? {})) {
    const seed = (declared.seed ?? []).map((entry: string | { parent?: unknown; example: string; at?: string }) => {
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
function itemsOf(document: any, resource: string): string {
  for (const { operation } of operations(document)) {
    const state = operation['x-akinai-state'];
    if (state?.resource === resource && state.page?.envelope) return state.page.envelope.items;
  }
  return '';
}
