// The generic state layer: what an operation does to the mock's records, read from its x-akinai-state
// (list, read, create, update, delete, their bulk forms, a batch of upserts and deletes). What no
// declaration can say (ReCORE's point arithmetic, every D.T.P command) is the vendor module's.
import { propertiesOf, resolve } from '@akinai/specs';
import { filtered, paged } from './lists.js';
import type { Violation } from '../prism.js';
import type { Model, Resource, Route } from './model.js';
import { CapacityError, type Store } from './store.js';

type Record_ = Record<string, unknown>;

/** A request as the state layer reads it: already validated against the spec by Prism. */
export interface Call {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
}

/** An answer: its status, headers and JSON body (none for 204). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Vendor {
  /** The answer to a request the spec refuses (Prism's findings); the documented example otherwise. */
  invalid?(route: Route, violations: Violation[]): Reply;
  /** The answer when the mock is full (more records than its cap). */
  full?(route: Route, error: CapacityError): Reply;
  /** Effects no declaration can describe, by name (x-akinai-state's `effect`). */
  effects?: Record<string, (state: State, route: Route, call: Call) => Reply>;
  /** Operations whose state is all the module's own (D.T.P's commands), by operationId. */
  commands?: Record<string, (state: State, route: Route, call: Call) => Reply>;
  /** Resources the vendor module keeps besides those the spec declares. */
  resources?: Resource[];
}

export interface State {
  document: any;
  model: Model;
  store: Store;
  vendor: Vendor;
  /** The documented answer of a route for a status: its first example. */
  documented(route: Route, status: number): Reply;
}

export function createState(document: any, model: Model, store: Store, vendor: Vendor): State {
  return {
    document,
    model,
    store,
    vendor,
    documented(route, status) {
      const response = resolve(document, route.operation.responses?.[String(status)]);
      const content = response?.content?.['application/json'];
      const example = content && resolve(document, Object.values<any>(content.examples ?? {})[0]);
      return { status, body: example?.value ?? content?.example };
    },
  };
}

/** Whether the state answers an operation: it declares x-akinai-state, or its vendor module keeps it. */
export const keepsState = (state: State, route: Route): boolean => Boolean(route.state || state.vendor.commands?.[route.operationId]);

/** The answer the state gives a request, or undefined when the operation keeps no state. */
export function fromState(state: State, route: Route, call: Call): Reply | undefined {
  const { vendor } = state;
  const command = vendor.commands?.[route.operationId];
  if (command) return command(state, route, call);
  const decl = route.state;
  if (!decl) return undefined;
  const resource = state.model.resources.get(decl.resource);
  if (!resource) throw new Error(`x-akinai-state of ${route.operationId}: no resource ${decl.resource}`);
  const notFound = () => state.documented(route, 404);
  try {
    if (decl.action === 'effect') return vendor.effects![decl.effect!]!(state, route, call);
    const parent = resource.parent ? call.params[resource.parent.param] : undefined;
    if (parent !== undefined && !state.store.get(state.model.resources.get(resource.parent!.resource)!, parent)) return notFound();
    const shape = shapeOf(state, resource);
    const { store } = state;
    const body = call.body as any;
    switch (decl.action) {
      case 'list': {
        const given = { ...call.query, ...(isObject(body) ? body : {}) };
        const page = paged(filtered(store.list(resource, parent), decl.filters ?? {}, given), decl.page, given);
        if ('badCursor' in page)
          return (
            vendor.invalid?.(route, [
              { location: ['request', 'query', decl.page!.cursor!.param], severity: 'Error', code: 'cursor', message: 'is invalid' },
            ]) ?? state.documented(route, 400)
          );
        return { status: route.success, headers: page.headers, body: page.body };
      }
      case 'read': {
        const record = store.get(resource, call.params[decl.param!]!, parent);
        return record ? { status: route.success, body: record } : notFound();
      }
      case 'create':
        return { status: route.success, body: store.create(resource, [shape.fromInput(body)], parent)[0] };
      case 'create-many':
        return { status: route.success, body: store.create(resource, (body as Record_[]).map(shape.fromInput), parent) };
      case 'update': {
        const record = store.get(resource, call.params[decl.param!]!, parent);
        return record ? { status: route.success, body: store.update(resource, record, shape.changes(body)) } : notFound();
      }
      case 'update-many': {
        const records = (body as Record_[]).map((item) => store.get(resource, String(item[resource.key]), parent));
        if (records.some((record) => !record)) return notFound(); // all or nothing
        return { status: route.success, body: records.map((record, i) => store.update(resource, record!, shape.changes(body[i]))) };
      }
      case 'delete': {
        const record = store.get(resource, call.params[decl.param!]!, parent);
        if (!record) return notFound();
        store.remove(resource, record, parent);
        return { status: route.success };
      }
      case 'batch':
        return { status: route.success, body: { [decl.count!]: batch(state, resource, decl, body[decl.rows!], shape) } };
    }
  } catch (error) {
    if (error instanceof CapacityError) return vendor.full?.(route, error) ?? withMessage(state.documented(route, 400), error.message);
    throw error;
  }
}

/** Rows that add, change or delete records, one after another; the number of rows applied. */
function batch(state: State, resource: Resource, decl: NonNullable<Route['state']>, rows: Record_[], shape: Shape): number {
  const { store } = state;
  const match = decl.match ?? [];
  let applied = 0;
  for (const row of rows) {
    const byKey = match.some((field) => row[field] === undefined);
    const found = byKey
      ? store.get(resource, String(row[resource.key]))
      : store.list(resource).find((record) => match.every((field) => record[field] === row[field]));
    const remove = byKey || Number(row[decl.deleteFlag ?? '']) === 1;
    if (remove) {
      if (found) store.remove(resource, found);
    } else if (found) store.update(resource, found, shape.changes(row));
    else store.create(resource, [shape.fromInput(row)]);
    applied += 1;
  }
  return applied;
}

interface Shape {
  /** A new record from a request's input: the fields the record has, the rest blank as the schema allows. */
  fromInput(input: unknown): Record_;
  /** The fields of an input that change a record (never its key). */
  changes(input: unknown): Record_;
}

const shapes = new WeakMap<Resource, Shape>();

/** The record schema of a resource: the success answer of its read or create operation. */
function shapeOf(state: State, resource: Resource): Shape {
  const cached = shapes.get(resource);
  if (cached) return cached;
  const { document } = state;
  const route = state.model.routes.find((r) => r.state?.resource === resource.name && ['read', 'create'].includes(r.state.action));
  const content = resolve(document, route?.operation.responses?.[String(route.success)])?.content?.['application/json'];
  let schema = resolve(document, content?.schema);
  if (schema?.type === 'array') schema = resolve(document, schema.items);
  const properties = propertiesOf(document, schema);
  const blank: Record_ = {};
  // Blank what the record requires, but for what the store generates (ids, codes, times).
  for (const field of schema?.required ?? []) if (!(field in resource.generated)) blank[field] = blankOf(document, properties[field]);
  const pick = (input: unknown) =>
    Object.fromEntries(Object.entries(isObject(input) ? input : {}).filter(([field]) => field in properties && field !== resource.key));
  const shape: Shape = { fromInput: (input) => ({ ...structuredClone(blank), ...pick(input) }), changes: pick };
  shapes.set(resource, shape);
  return shape;
}

/** The emptiest value a schema allows: null if it may be, else false, [], {}, 0 or ''. */
function blankOf(document: any, node: any): unknown {
  const schema = resolve(document, node) ?? {};
  const types = [schema.type].flat();
  const variants = (schema.oneOf ?? schema.anyOf ?? []).map((s: any) => resolve(document, s));
  if (types.includes('null') || variants.some((s: any) => s?.type === 'null')) return null;
  if (types.includes('boolean')) return false;
  if (types.includes('array')) return [];
  if (types.includes('object')) return {};
  if (types.includes('integer') || types.includes('number')) return 0;
  return '';
}

/** A documented error answer, its `message` saying what happened. */
function withMessage(reply: Reply, message: string): Reply {
  return isObject(reply.body) && 'message' in reply.body ? { ...reply, body: { ...reply.body, message } } : reply;
}

const isObject = (value: unknown): value is Record_ => typeof value === 'object' && value !== null && !Array.isArray(value);
