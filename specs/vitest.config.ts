import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Each test runs the Redocly CLI (about 1 s alone, several under a parallel turbo run).
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
