import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';

// The two-replica specs (scripts/e2e-replicas.sh starts the replicas and the
// balancer first): every request goes through haproxy on port 3400.

export default defineConfig({
  testDir: '.',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: '../../test-results/replicas',
  use: {
    baseURL: 'http://localhost:3400',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
