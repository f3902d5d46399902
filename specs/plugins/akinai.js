// The akinai plugin for Redocly: a rule that holds every x-akinai-* extension to its shape, and the
// decorator that gives each command of a command API (one with x-akinai-status-codes) its own answers, and
// the one that states the charset of an API's forms in each form's `encoding`.
import { boundedNumbers, statedChecks } from './checks.js';
import { commandResults } from './command-results.js';
import { extensions } from './extensions.js';
import { formCharset } from './form-charset.js';

export default function akinai() {
  return {
    id: 'akinai',
    rules: { oas3: { extensions, 'stated-checks': statedChecks, 'bounded-numbers': boundedNumbers } },
    decorators: { oas3: { 'command-results': commandResults, 'form-charset': formCharset } },
  };
}
