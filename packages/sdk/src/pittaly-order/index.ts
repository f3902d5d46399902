// @akinai/sdk/pittaly-order for browsers and every runtime without node:http. The search
// (GET /customer_store_items) sends a JSON body on GET, which WHATWG fetch cannot do: here it throws
// UnsupportedRequestError. Every other operation works. In Node.js the package resolves to index.node.ts.
import { createClientOn, type PittalyOrderClient, type PittalyOrderClientOptions } from './client.js';

export * from '../core/public.js';
export * from './client.js';

/**
 * A typed client of Pittaly Order's customer_store_items master. In browsers the search (a GET with a
 * JSON body) throws UnsupportedRequestError; call it from Node.js.
 */
export function createPittalyOrderClient<Throw extends boolean = false>(
  options: PittalyOrderClientOptions & { throwOnError?: Throw },
): PittalyOrderClient<Throw> {
  return createClientOn(undefined, options);
}
