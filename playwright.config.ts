import { defineConfig, devices } from '@playwright/test';
import { e2eServerEnv } from './e2e/support/server-env.mjs';

// `npm test` and `npm run e2e` start a Redis and set these; the app under test gets its own port
// and key prefix so runs never see each other.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

const PICTURES = [
  'SCREENSHOTS',
  'STORE_DOCS_SCREENSHOTS',
  'HOLDS_DOCS_SCREENSHOTS',
  'QUEUE_DOCS_SCREENSHOTS',
].some((name) => process.env[name]);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Safety nets for a hang, not measurements: set for a run pinned to one busy core, where a page
  // load took several seconds. No spec asserts a duration through these.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME }]]
    : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], channel: undefined },
      // The screenshot specs take pictures for people to look at (and for docs/screenshots/);
      // they assert little, so a test run leaves them out unless asked for (SCREENSHOTS=1, or a
      // spec's own *_DOCS_SCREENSHOTS=1).
      testIgnore: PICTURES
        ? /(front|front-anywhere|sessions-everywhere)\.spec\.ts/
        : /(front|front-anywhere|sessions-everywhere|-screenshots)\.spec\.ts/,
    },
    // Ends every admin session, the other specs' API clients' too: after them, not beside them.
    {
      name: 'global',
      use: { ...devices['Desktop Chrome'], channel: undefined },
      testMatch: /sessions-everywhere\.spec\.ts/,
      dependencies: ['chromium'],
    },
    // `npm start` with nginx and two instances of its own: run after the others, not beside them,
    // so its processes do not take the two cores from the specs that measure time.
    {
      name: 'front',
      use: { ...devices['Desktop Chrome'], channel: undefined },
      testMatch: /front(-anywhere)?\.spec\.ts/,
      dependencies: ['global'],
    },
  ],
  // `npm test` and `npm run e2e` start the server in a process group of their own and end it
  // whatever happens (E2E_SERVER=external); run directly, Playwright starts it.
  webServer:
    process.env.E2E_SERVER === 'external'
      ? undefined
      : {
          command: `node node_modules/next/dist/bin/next start -p ${port}`,
          url: `${baseURL}/api/health`,
          reuseExistingServer: false,
          timeout: 180_000,
          env: e2eServerEnv(),
        },
});
