// The request binding an API declares (`x-akinai-request-binding`, read by @akinai/specs): D.T.P's
// ASP.NET pages read a field from the query string or the form alike, by GET or POST, whatever the case
// of its name, and answer to other spellings and other page names the vendor's examples use. The mock
// turns such a request into the one its spec describes (a POST form with the table's names) before
// Prism validates it, so that every request the vendor's server accepts, the mock accepts.
import { canonicalFields, canonicalPath, requestBinding } from '@akinai/specs';
import type { Document } from '@akinai/specs/types';

export interface Bound {
  method: string;
  path: string;
  /** The form fields, under the spec's names; undefined when the request is not a form command. */
  fields: [string, string][] | undefined;
}

export interface Binding {
  /** The charset of query strings and of forms that name none. */
  charset: string;
  /** Whether requests of this API are read as form commands. */
  forms: boolean;
  bind(method: string, path: string, query: [string, string][], form: [string, string][] | undefined): Bound;
}

export function createBinding(document: Document): Binding {
  const { methods, charset = 'utf-8' } = requestBinding(document);
  const forms = methods.length > 0;
  return {
    charset,
    forms,
    bind(method, path, query, form) {
      const target = forms ? canonicalPath(document, path) : undefined;
      const operation = target && document.paths[target]!.post;
      if (!operation || !methods.includes(method)) return { method, path, fields: undefined };
      // ASP.NET's Request[...] reads the query string and the form alike.
      return { method: 'POST', path: target, fields: canonicalFields(document, operation, [...query, ...(form ?? [])]) };
    },
  };
}
