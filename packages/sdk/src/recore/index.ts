// @akinai/sdk/recore: the ReCORE co-api (Novasto) member endpoints.
import type { components } from '../generated/recore.js';

export * from '../core/public.js';
export type { components, operations, paths } from '../generated/recore.js';
export { createRecoreClient, type RecoreClient, type RecoreClientOptions } from './client.js';

/** The schemas of the ReCORE spec, e.g. `Schemas['Member']`. */
export type Schemas = components['schemas'];
