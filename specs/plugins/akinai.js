// The akinai plugin for Redocly: a rule that holds every x-akinai-* extension to its shape, and the
// decorator that gives each command of a command API (one with x-akinai-status-codes) its own answers.
import { commandResults } from './command-results.js';
import { extensions } from './extensions.js';

export default function akinai() {
  return {
    id: 'akinai',
    rules: { oas3: { extensions } },
    decorators: { oas3: { 'command-results': commandResults } },
  };
}
