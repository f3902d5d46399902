// Every x-akinai-* extension, wherever it stands, has the shape its readers (the SDK generator, the
// mock, the docs, the tests) expect; an unknown one is a typo. The shapes are the JSON Schemas of
// lib/extensions.js, checked with Ajv; a problem names the file, the place and what is wrong. A command's
// status table needs the root's x-akinai-command-result: the names of the result its codes go in.
import { Ajv } from 'ajv';
import { EXTENSIONS } from '../lib/extensions.js';

const ajv = new Ajv({ allErrors: true });
const validators = Object.fromEntries(Object.entries(EXTENSIONS).map(([key, shape]) => [key, ajv.compile(shape)]));

export function extensions() {
  let result;
  return {
    any: {
      enter(node, ctx) {
        if (!node || typeof node !== 'object' || Array.isArray(node)) return;
        if (ctx.type?.name === 'Root') result = node['x-akinai-command-result'];
        // The keys of a map of headers are header names (D.T.P's mock sends `x-akinai-warning`), not extensions.
        if (ctx.type?.name === 'HeadersMap') return;
        if (node['x-akinai-status-codes'] && !result) {
          ctx.report({
            message:
              'x-akinai-status-codes needs x-akinai-command-result at the root: the properties the code and its text are answered in, and the code of success.',
            location: ctx.location.child(['x-akinai-status-codes']).key(),
          });
        }
        for (const key of Object.keys(node).filter((key) => key.startsWith('x-akinai-'))) {
          const validate = validators[key];
          if (!validate) {
            ctx.report({
              message: `Unknown extension ${key} (known: ${Object.keys(EXTENSIONS).join(', ')}).`,
              location: ctx.location.child([key]).key(),
            });
          } else if (!validate(node[key])) {
            const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '(the value)'} ${error.message}`).join('; ');
            ctx.report({ message: `${key} is not of its shape: ${problems}.`, location: ctx.location.child([key]) });
          }
        }
      },
    },
  };
}
