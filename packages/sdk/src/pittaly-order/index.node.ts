// @akinai/sdk/pittaly-order in Node.js: requests go through node:http(s), so the search can carry its
// documented JSON body on GET.
import { nodeTransport } from '../core/transport.node.js';
import { createClientOn, type PittalyOrderClient, type PittalyOrderClientOptions } from './client.js';

export * from '../core/public.js';
export * from './client.js';

/**
 * A typed client of Pittaly Order's customer_store_items master. In Node.js every operation works,
 * including the search, whose filters travel as a JSON body on GET (sent through node:http).
 */
export function createPittalyOrderClient<Throw extends boolean = false>(
  options: PittalyOrderClientOptions & { throwOnError?: Throw },
): PittalyOrderClient<Throw> {
  return createClientOn(nodeTransport, options);
}
