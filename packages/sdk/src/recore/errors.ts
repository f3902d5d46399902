// ReCORE's error body, as its manual documents it: `{ "error": { "code", "message", "detail" } }`,
// `detail` holding the messages per field of a VALIDATE_FAILED.
import type { ErrorBodyParts } from '../core/errors.js';

export function parseError(body: unknown): ErrorBodyParts {
  const error = (body as { error?: { code?: unknown; message?: unknown; detail?: unknown } } | undefined)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : undefined,
    message: typeof error?.message === 'string' ? error.message : undefined,
    detail: error?.detail,
  };
}
