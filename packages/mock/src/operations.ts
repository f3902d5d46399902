// The operations Prism routes, read from a bundled spec as Prism's own reader does (dereference, cut
// cycles, transform, bundle each operation), but with the @akinai/specs resolver: Prism's $ref parser
// calls Node's url.parse(), deprecated (DEP0169, printed on every start under Node 24); our bundles only
// hold local $refs, which need no URL handling.
import { transformOas3Operations } from '@stoplight/http-spec/oas3/operation';
import { bundleTarget, decycle } from '@stoplight/json';
import { dereference } from '@akinai/specs';
import type { Operation } from './prism.js';

export function operationsOf(document: Record<string, unknown>): Operation[] {
  const resolved = decycle(dereference(document)) as Record<string, unknown>;
  return transformOas3Operations(resolved as never).map(
    (operation) =>
      bundleTarget({ document: { ...resolved, __target__: operation }, path: '#/__target__', cloneDocument: false }) as Operation,
  );
}
