import { defineConfig } from 'tsup';

// One entry per API; each must run in browsers too (no Node-only imports).
export default defineConfig({
  entry: { recore: 'src/recore/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  platform: 'neutral',
  target: 'es2022',
  clean: true,
  external: ['openapi-fetch'],
});
