// What each vendor does that its spec cannot declare, one module per vendor (src/vendors/<api>.ts), each
// `create(document)`; an API without a module here is all declared. The build lists them (scripts/prepare.mjs).
import { vendors } from '../generated/vendors.js';
import type { Vendor } from './types.js';
import type { Document } from '@akinai/specs/types';

export const vendorOf = (api: string, document: Document): Vendor => vendors[api]?.(document) ?? {};
