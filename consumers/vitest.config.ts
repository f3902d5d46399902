import { defineConfig } from 'vitest/config';

// Each test installs and runs packages in its own temp project; one at a time keeps the 2-core CI steady.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false },
});
