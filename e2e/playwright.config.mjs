// Playwright drives Debian's Chromium (/usr/bin/chromium) against the release build in
// ../dist, served by server.mjs. Never run `npx playwright install`: no browser downloads.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 4173);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests',
  globalSetup: './global-setup.mjs',
  outputDir: 'test-results/artifacts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: true,
  reporter: [['line'], ['json', { outputFile: 'test-results/results.json' }]],
  webServer: {
    command: 'node server.mjs',
    env: { PORT: String(port) },
    url: `${baseURL}/index.html`,
    reuseExistingServer: false,
    timeout: 15_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL,
    headless: true,
    serviceWorkers: 'block',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
