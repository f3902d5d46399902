// @akinai/sdk/dtp-lcv: D.T.P's Loyal Customer WEB API for CV.net (membership and points), a command API.
import type { components } from '../generated/dtp-lcv.js';

export * from '../core/public.js';
export type { components, operations, paths } from '../generated/dtp-lcv.js';
export {
  createDtpLcvClient,
  type CallInit,
  type Command,
  type CommandData,
  type CommandResult,
  type DtpLcvClient,
  type DtpLcvClientOptions,
} from './client.js';
export { CommandError, type StatusCodeEntry } from './errors.js';

/** The schemas of the D.T.P spec, e.g. `Schemas['Customer']`. */
export type Schemas = components['schemas'];
