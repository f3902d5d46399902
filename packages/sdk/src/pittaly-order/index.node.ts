// @akinai/sdk/pittaly-order under the "node" export condition: the same entry as index.ts, whose client
// sends every request through node:http(s), which (unlike WHATWG fetch) carries the search's GET body.
// Everything else comes from the runtime every entry shares, so its errors are the other entries' classes.
import { nodeTransport } from '../core/transport.node.js';
import { pittalyOrderClient, type PittalyOrderClient, type PittalyOrderClientOptions } from './client.js';

export * from './index.js';

/**
 * A typed client of Pittaly Order's customer_store_items master. In Node.js every operation works; in
 * browsers the search (a GET with a JSON body) throws UnsupportedRequestError: call it from Node.js.
 */
export function createPittalyOrderClient<Throw extends boolean = false>(
  options: PittalyOrderClientOptions & { throwOnError?: Throw },
): PittalyOrderClient<Throw> {
  return pittalyOrderClient(options, nodeTransport);
}
