// @akinai/specs: what every package reads the specs through.
export * from './aliases.js';
export * from './binding.js';
export * from './document.js';
