import { defineConfig } from 'vitest/config';

// Each tool runs as its own process against the bundled specs and the mock; one file at a time on 2 cores.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // @akinai/mock ships one pre-bundled file: load it as Node does, not through Vite's transform.
    server: { deps: { external: [/packages\/mock\/dist/] } },
  },
});
