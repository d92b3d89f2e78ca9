import { defineConfig } from '@playwright/test';
import { ssoServerEnv } from './e2e/sso-stand-ins';

// E2E_PORT lets a second checkout run its suite beside this one.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
// e2e/slack-approvals.spec.ts runs a stand-in Slack Web API on this port.
const SLACK_PORT = PORT + 17;

/**
 * End-to-end tests against a production build (`npm run build` first). The web server seeds a
 * fresh embedded database in .data/e2e (never the dev database in .data/pglite), then starts
 * `next start` on port 3100 (or E2E_PORT). One worker: the embedded database is shared and tests change it.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // Signs in each demo role once and saves its session (keeps sign-ins under the rate limit).
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    { name: 'chromium', testMatch: /.*\.spec\.ts$/, dependencies: ['setup'] },
  ],
  webServer: {
    // The embedded database allows one process at a time: seed first, then start the server.
    // e2e/seed-sso.ts adds the SSO specs' own organization beside the demo.
    command: `rm -rf .data/e2e && npm run vigil -- seed && npx tsx e2e/seed-sso.ts && npm run start -- -p ${PORT}`,
    url: `${BASE_URL}/sign-in`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      VIGIL_DATA_DIR: '.data/e2e',
      // Detection runs as a background job: poll often so tests see signals within seconds.
      VIGIL_WORKER_INTERVAL_SECONDS: '2',
      NEXTAUTH_URL: BASE_URL,
      NEXTAUTH_SECRET: 'e2e-only-secret-0123456789abcdefghijklmnop',
      // Seals webhook and Slack secrets in the browser suite (a test-only key).
      VIGIL_SECRETS_KEY: 'ZTJlLW9ubHkta2V5LTAxMjM0NTY3ODlhYmNkZWZnaGk=',
      VIGIL_SLACK_API_URL: `http://127.0.0.1:${SLACK_PORT}/api/`,
      // Webhook receivers and the Slack stand-in in the suite listen on 127.0.0.1.
      VIGIL_WEBHOOK_ALLOW_PRIVATE: '1',
      // OIDC and SAML sign-in against stand-ins the SSO specs start on 127.0.0.1; the other
      // specs only see two more buttons on the sign-in page.
      ...ssoServerEnv(PORT),
    },
  },
});
