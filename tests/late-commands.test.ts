// A rate limiter defines its Lua command on the shared client the first time it is used. When an
// auto-pipeline is already open in that tick (the hold sweeper polls every 200 ms, so right after
// a start it usually is), ioredis sent the new command through the old pipeline, which lacks it:
// "pipeline[functionName] is not a function", then "results[i] is not iterable" thrown out of the
// batch (ioredis#1931). The shared client sends such commands on their own.
import { randomBytes } from 'node:crypto';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { createStore } from '@/lib/redis/store';

const stores: { disconnect: () => void }[] = [];
afterAll(() => stores.forEach((s) => s.disconnect()));

describe('the shared client and late-defined commands', () => {
  it('a limiter made while an auto-pipeline is open counts, and the batch keeps its replies', async () => {
    const config = parseConfig({
      ...process.env,
      REDIS_URL: inject('redisUrl'),
      SESSION_SECRET: 'late-commands-secret-late-commands-secret',
      ADMIN_PASSWORD: 'late-commands-password',
    });
    const store = createStore(config);
    stores.push(store);
    await store.ping();
    const key = `late:${randomBytes(4).toString('hex')}`;
    // Same tick: a command opens an auto-pipeline, then a new limiter defines its command and
    // consumes through the same client.
    const earlier = store.set(key, 'x');
    const limiter = new RateLimiterRedis({
      storeClient: store,
      keyPrefix: `${key}:rl`,
      points: 5,
      duration: 60,
    });
    const consumed = limiter.consume('someone');
    const later = store.get(key);
    await expect(earlier).resolves.toBe('OK');
    await expect(consumed).resolves.toMatchObject({ consumedPoints: 1 });
    await expect(later).resolves.toBe('x');
  });
});
