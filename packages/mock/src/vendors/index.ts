// What each vendor does that its spec cannot declare; an API without a module here is all declared.
import type { Vendor } from '../state/crud.js';
import { createDtpLcv } from './dtp-lcv.js';
import { recore } from './recore.js';

const vendors: Record<string, (document: any) => Vendor> = {
  recore: () => recore,
  'dtp-lcv': createDtpLcv,
};

export const vendorOf = (api: string, document: any): Vendor => vendors[api]?.(document) ?? {};
