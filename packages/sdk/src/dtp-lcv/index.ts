// @akinai/sdk/dtp-lcv: D.T.P's Loyal Customer WEB API for CV.net (membership and points).
import type { components } from '../generated/dtp-lcv.js';

export * from '../core/public.js';
export type { components, operations, paths } from '../generated/dtp-lcv.js';
export { createDtpLcvClient } from './client.js';
export type { CallInit, Command, CommandData, CommandResult, DtpLcvClient, DtpLcvClientOptions } from './client.js';
export { CommandError, type StatusCodeEntry } from './errors.js';
export { RequestEncodingError } from './shift-jis.js';

/** The schemas of the D.T.P spec, e.g. `Schemas['Customer']`. */
export type Schemas = components['schemas'];
