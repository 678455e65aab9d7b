/** The environment of the `next start` the Playwright specs run against. */
export function e2eServerEnv(env?: NodeJS.ProcessEnv): Record<string, string>;
