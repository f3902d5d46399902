import { fileURLToPath } from 'node:url';
import { apis } from './generated/apis.js';

export { apis };
export type ApiName = keyof typeof apis;

export function isApiName(name: string): name is ApiName {
  return Object.hasOwn(apis, name);
}

/** The bundled OpenAPI document the mock serves for an API (shipped in this package's specs/). */
export function specPath(api: ApiName): string {
  return fileURLToPath(new URL(`../specs/${api}.openapi.json`, import.meta.url));
}
