import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests run server code: the 'server-only' marker resolves as in Next's server bundles.
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each file gets its own SQLite file and servers; run files in parallel.
    pool: 'forks',
  },
});
