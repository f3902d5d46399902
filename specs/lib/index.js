// @akinai/specs: the registry of APIs, and what every package reads the specs through.
export * from './aliases.js';
export * from './binding.js';
export * from './changesets.js';
export * from './clients.js';
export * from './commands.js';
export * from './document.js';
export * from './extensions.js';
export * from './redocly.js';
export * from './registry.js';
