import { fileURLToPath } from 'node:url';

/** The APIs the mock serves, each with the port its CLI uses unless told otherwise. */
export const apis = {
  recore: { title: 'ReCORE co-api 会員 API', defaultPort: 4010 },
  'pittaly-order': { title: 'Pittaly Order Web API v2 得意先別店舗別商品マスタ', defaultPort: 4011 },
  'dtp-lcv': { title: 'D.T.P Loyal Customer WEB API（CV.net 会員・ポイント）', defaultPort: 4012 },
} as const;

export type ApiName = keyof typeof apis;

export function isApiName(name: string): name is ApiName {
  return Object.hasOwn(apis, name);
}

/** The bundled OpenAPI document the mock serves for an API (shipped in this package's specs/). */
export function specPath(api: ApiName): string {
  return fileURLToPath(new URL(`../specs/${api}.openapi.json`, import.meta.url));
}
