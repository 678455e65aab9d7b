import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts', 'lib/**/*.test.ts'],
    globalSetup: ['tests/support/global-redis.ts'],
    setupFiles: ['tests/support/per-file-prefix.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration files hammer one Redis with real concurrency; two at a time fit two cores.
    maxWorkers: 2,
  },
});
