// The contract between the generic mock and a vendor's module: what a request looks like to the state
// (Call), what the state answers (Reply), what the state is (State), and what a vendor module may add
// (Vendor) for what its spec cannot declare. Every vendor module is `create(document): Vendor`.
import type { Violation } from '../prism.js';
import type { Clock } from '../clock.js';
import type { Model, Resource, Route } from '../state/model.js';
import type { CapacityError, Store } from '../state/store.js';
import type { Document } from '@akinai/specs/types';

/** A request as the state reads it: already validated against the spec by Prism. */
export interface Call {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  /** The request's headers, lower-case names (cookies among them). */
  headers: Record<string, string>;
  /** A fault asked for (`failAtRow`): a bulk write or batch is refused at this row (1-based). */
  failAtRow?: number;
}

/** An answer: its status, headers and JSON body (none for 204). */
export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
}

export interface State {
  document: Document;
  model: Model;
  store: Store;
  vendor: Vendor;
  /** The mock's time: what it stamps and what expires follow it. */
  clock: Clock;
  /** The documented answer of a route for a status: its first example. Throws for a status the route does not document. */
  documented(route: Route, status: number): Reply;
}

/** What an effect does, and every status it may answer besides the route's success (each one the route must document). */
export interface Effect {
  statuses: number[];
  answer(state: State, route: Route, call: Call): Reply;
}

/** A vendor's module: `create(document)`. */
export type VendorModule = (document: Document) => Vendor;

export interface Vendor {
  /** The answer to a request the spec refuses (Prism's findings); the documented example otherwise. */
  invalid?(route: Route, violations: Violation[]): Reply;
  /** The answer when the mock is full (more records than its cap). */
  full?(route: Route, error: CapacityError): Reply;
  /** Effects no declaration can describe, by name (x-akinai-state's `effect`). */
  effects?: Record<string, Effect>;
  /** Operations whose state is all the module's own (D.T.P's commands), by operationId. */
  commands?: Record<string, (state: State, route: Route, call: Call) => Reply>;
  /** Resources the vendor module keeps besides those the spec declares. */
  resources?: Resource[];
  /**
   * A session the vendor's server keeps (D.T.P's cookies from Auth): `check` refuses a request without a
   * live one (the command's session-lost answer), `end` ends the request's session (a fault).
   */
  session?: {
    check(state: State, route: Route, call: Call): Reply | undefined;
    end(state: State, call: Call): void;
  };
  /** What time changes by itself (ReCORE's points expiring), brought up to the clock's now before each answer of the state. */
  elapse?(state: State): void;
  /** What the vendor's servers answer when they fail (a 5xx, or a 429 the spec does not document), when not a plain page. */
  failure?(status: number): { contentType: string; body: string };
}
