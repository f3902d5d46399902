// The CommonJS door to the library, written after the build: CommonJS projects (Jest, NestJS) require()
// the same ES module, which Node loads from 20.19 on (require(esm), within the engines range); the .d.cts
// lets TypeScript type it under node16 CommonJS resolution. One bundle of Prism, not two.
import { copyFileSync, writeFileSync } from 'node:fs';

writeFileSync('dist/index.cjs', "'use strict';\nmodule.exports = require('./index.js');\n");
copyFileSync('dist/index.d.ts', 'dist/index.d.cts');
