// Starts a throw-away redis-server for the run unless REDIS_URL points at one already
// (`npm test` starts its own and passes it in).
import type { TestProject } from 'vitest/node';
// @ts-expect-error -- plain ESM helper shared with the set-up scripts, no type declarations
import { startScratchRedis } from '../../scripts/lib/stack.mjs';

export default async function setup(project: TestProject) {
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    return;
  }
  const redis: { url: string; stop: () => Promise<void> } = await startScratchRedis('vitest');
  project.provide('redisUrl', redis.url);
  return async () => redis.stop();
}

declare module 'vitest' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    redisUrl: string;
  }
}
