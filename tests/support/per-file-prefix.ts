// Every test file gets its own key prefix (so files never see each other's keys) and removes its
// keys and connections when it ends.
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';

process.env.REDIS_URL ??= inject('redisUrl');
process.env.REDIS_PREFIX = `t${randomBytes(4).toString('hex')}:`;
process.env.ADMIN_PASSWORD ??= 'test-admin-password';
process.env.SESSION_SECRET ??= 'test-session-secret-test-session-secret-0123456789';

afterAll(async () => {
  const { shared } = await import('@/lib/redis/client');
  const { closeTxPools } = await import('@/lib/redis/tx-pool');
  const { store, keys } = shared();
  if (store.status === 'ready') {
    let cursor = '0';
    do {
      const [next, found] = await (store as import('ioredis').Redis).scan(cursor, 'MATCH', keys.everything, 'COUNT', 1000);
      cursor = next;
      if (found.length) await store.unlink(...found);
    } while (cursor !== '0');
  }
  await closeTxPools();
  store.disconnect();
});
