import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // @akinai/mock ships one pre-bundled file: load it as Node does, not through Vite's transform.
    server: { deps: { external: [/packages\/mock\/dist/] } },
    projects: [
      { extends: true, test: { name: 'loopback', include: ['test/**/*.test.ts'] } },
      // The contract tests again, the SDK's fetch option given the mock's in-process fetch (no socket).
      { extends: true, test: { name: 'in-process', include: ['test/*.contract.test.ts'], env: { AKINAI_MOCK_TRANSPORT: 'in-process' } } },
    ],
  },
});
