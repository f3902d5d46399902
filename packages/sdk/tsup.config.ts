import { defineConfig } from 'tsup';

// One entry per API, each running in browsers too (no Node-only imports). An API that needs Node for
// part of its contract also gets a `.node` entry, which package.json's "node" condition selects.
export default defineConfig({
  entry: {
    recore: 'src/recore/index.ts',
    'pittaly-order': 'src/pittaly-order/index.ts',
    'pittaly-order.node': 'src/pittaly-order/index.node.ts',
    'dtp-lcv': 'src/dtp-lcv/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  platform: 'neutral',
  target: 'es2022',
  clean: true,
  external: ['openapi-fetch', /^node:/],
});
