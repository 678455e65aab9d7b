// Every test file gets its own key prefix (so files never see each other's keys) and removes its
// keys and connections when it ends.
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';

process.env.REDIS_URL ??= inject('redisUrl');
process.env.REDIS_PREFIX = `t${randomBytes(4).toString('hex')}:`;
process.env.ADMIN_PASSWORD ??= 'test-admin-password';
process.env.SESSION_SECRET ??= 'test-session-secret-test-session-secret-0123456789';

afterAll(async () => {
  const { appContext, closeAppContext, hasAppContext, unlinkMatching } =
    await import('@/lib/redis/client');
  if (!hasAppContext()) return;
  const ctx = appContext();
  if (ctx.store.status === 'ready') await unlinkMatching(ctx, ctx.keys.everything);
  await closeAppContext();
});
