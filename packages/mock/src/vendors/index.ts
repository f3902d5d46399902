// What each vendor does that its spec cannot declare, one module per vendor (src/vendors/<api>.ts), each
// `create(document)`; an API without a module here is all declared. The build lists them (scripts/prepare.mjs).
import { vendors } from '../generated/vendors.js';
import type { Vendor } from './types.js';

export const vendorOf = (api: string, document: any): Vendor => vendors[api]?.(document) ?? {};
