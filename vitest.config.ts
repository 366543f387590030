import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/build-once.ts', 'tests/pg-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // No test reaches the internet: bots started by tests (and the processes they spawn) never check the
    // shipped sources in the background; source tests point the watcher at the loopback source server.
    env: { SOURCES_ENABLED: 'false' },
  },
});
