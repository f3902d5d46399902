// The transport of every build but the Node.js build of an API with a GET body (see transport.node.ts):
// none, so requests go through fetch, and a body on GET is refused with UnsupportedRequestError.
import type { Fetch } from './redirects.js';

export const transport: Fetch | undefined = undefined;
