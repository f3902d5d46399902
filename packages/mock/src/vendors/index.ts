// What each vendor does that its spec cannot declare, one module per vendor, each `create(document)`;
// an API without a module here is all declared.
import { createDtpLcv } from './dtp-lcv.js';
import { createRecore } from './recore.js';
import type { Vendor } from './types.js';

const vendors: Record<string, (document: any) => Vendor> = {
  recore: createRecore,
  'dtp-lcv': createDtpLcv,
};

export const vendorOf = (api: string, document: any): Vendor => vendors[api]?.(document) ?? {};
