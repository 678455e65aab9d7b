// The environment of the `next start` the Playwright specs run against: `npm test` and
// `npm run e2e` start that server themselves (scripts/lib/stack.mjs), Playwright's own webServer
// only when it is run directly. One list for both.
export function e2eServerEnv(env = process.env) {
  return {
    NEXT_TELEMETRY_DISABLED: '1',
    REDIS_URL: env.REDIS_URL ?? 'redis://127.0.0.1:6390',
    REDIS_PREFIX: env.REDIS_PREFIX ?? 'e2e:',
    ADMIN_PASSWORD: env.ADMIN_PASSWORD ?? 'e2e-admin-password',
    SESSION_SECRET: env.SESSION_SECRET ?? 'e2e-session-secret-e2e-session-secret-0123',
    // Every browser and API client of the run comes from 127.0.0.1: limits sized for a crowd.
    LOGIN_RATE_POINTS: '1000',
    LOGIN_ACCOUNT_RATE_POINTS: '100000',
    SESSION_RATE_POINTS: '100000',
    PURCHASE_RATE_POINTS: '1000000',
    PURCHASE_MODE: env.PURCHASE_MODE ?? 'coalesce',
  };
}
