// The bundled document as every reader types it: OpenAPI 3's objects as openapi-typescript types them,
// each with the x-akinai-* extensions in the shape their JSON Schemas give (lib/extensions.js, derived at
// build into dist/extensions.d.ts). An extension has its shape wherever it stands, as the lint rule checks.
import type { OpenAPI3, OperationObject, PathItemObject } from 'openapi-typescript';
import type { Extensions } from '../dist/extensions.js';

export type * from '../dist/extensions.js';

declare module 'openapi-typescript' {
  interface OpenAPI3 extends Extensions {}
  interface InfoObject extends Extensions {}
  interface PathItemObject extends Extensions {}
  interface OperationObject extends Extensions {}
  interface ParameterObject extends Extensions {}
  interface RequestBodyObject extends Extensions {}
  interface MediaTypeObject extends Extensions {}
  interface ResponseObject extends Extensions {}
  interface HeaderObject extends Extensions {}
}

/** An HTTP method a path item may have an operation for. */
export type Method = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** An operation of a bundle: it has its operationId (the lint requires one). */
export interface Operation extends OperationObject {
  operationId: string;
}

/** A path item of a bundle: its operations inline. */
export interface PathItem extends PathItemObject {
  get?: Operation;
  put?: Operation;
  post?: Operation;
  delete?: Operation;
  options?: Operation;
  head?: Operation;
  patch?: Operation;
  trace?: Operation;
}

/** A bundled spec (specs/dist/<api>.openapi.json): path items and operations inline, every other $ref local. */
export interface Document extends OpenAPI3 {
  paths: Record<string, PathItem>;
}
