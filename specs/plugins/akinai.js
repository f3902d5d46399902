// The akinai plugin for Redocly. Rules: every x-akinai-* extension has its shape (extensions.js); every
// check of a vendor's values says where the vendor states it, and every number of an API with digit
// counts is bounded (checks.js). Decorators: each command of a command API (one with
// x-akinai-status-codes) gets its own answers; the charset of an API's forms goes into each form's
// `encoding`; the checks renderers do not show are also written in words (visible-checks.js).
import { boundedNumbers, statedChecks } from './checks.js';
import { commandResults } from './command-results.js';
import { extensions } from './extensions.js';
import { formCharset } from './form-charset.js';
import { visibleChecks } from './visible-checks.js';

export default function akinai() {
  return {
    id: 'akinai',
    rules: { oas3: { extensions, 'stated-checks': statedChecks, 'bounded-numbers': boundedNumbers } },
    decorators: { oas3: { 'command-results': commandResults, 'form-charset': formCharset, 'visible-checks': visibleChecks } },
  };
}
