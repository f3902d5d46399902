import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // @akinai/mock ships one pre-bundled file: load it as Node does, not through Vite's transform.
    server: { deps: { external: [/packages\/mock\/dist/] } },
  },
});
