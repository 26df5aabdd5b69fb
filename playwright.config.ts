import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { defineConfig, devices } from '@playwright/test';

import { appEnv } from './e2e/support/app-environment';
import { ports, urls } from './e2e/support/urls';
import { localIdpEnvironment, localInboxEnvironment } from './local/app-environment';
import { chromiumPath, offlineChromiumArgs } from './testing/chromium';

// A fresh account store per run, so journeys never depend on an earlier run.
const dataDir = mkdtempSync(path.join(tmpdir(), 'logto-ses-next-e2e-'));

export default defineConfig({
  testDir: './e2e',
  // Its own folder: Playwright empties it at the start of a run, and test-results/ also keeps
  // the reliability suite's and the bench's figures.
  outputDir: './test-results/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: urls.app,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: offlineChromiumArgs,
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, testIgnore: /logto-setup\.spec\.ts/ },
    // Takes the app's callback URI away for a moment (the doctor's fix brings it back): alone, after the rest.
    { name: 'logto-setup', use: { ...devices['Desktop Chrome'] }, testMatch: /logto-setup\.spec\.ts/, dependencies: ['chromium'] },
  ],
  webServer: [
    {
      command: 'npx tsx local/inbox/main.ts',
      url: `${urls.inbox}/health-check`,
      // It posts each mail's SES events to the app, as an SNS subscription would.
      env: localInboxEnvironment(ports),
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'npx tsx local/idp/main.ts',
      url: `${urls.idp}/oidc/.well-known/openid-configuration`,
      // The same client credentials as the app's, drawn for this run.
      env: { ...localIdpEnvironment(ports, appEnv), LOCAL_DATA_DIR: dataDir },
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The suite runs against a production build, as deployed.
      command: `npx next build && npx next start -p ${ports.appPort} -H localhost`,
      url: urls.app,
      env: { ...appEnv, NEXT_TELEMETRY_DISABLED: '1' },
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
