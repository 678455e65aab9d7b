// Validates the configuration and loads the demo catalogue on the first run of this prefix.
// Run by `npm start` before the server starts: a bad setting stops the start with one line.
import { ConfigError } from '@/lib/config';
import { adoptBuckets } from '@/lib/inventory/catalogue';
import { seedIfFirstRun } from '@/lib/inventory/demo';
import { appContext, closeAppContext, type StoreContext } from '@/lib/redis/client';

let ctx: StoreContext;
try {
  ctx = appContext();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`✗ configuration: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

try {
  const seeded = await seedIfFirstRun(ctx);
  const adopted = await adoptBuckets(ctx);
  if (adopted)
    console.log(`› gave ${adopted} product(s) from before stock buckets one bucket each`);
  console.log(seeded ? '› loaded the demo catalogue (first run)' : '› catalogue already present');
} catch (error) {
  // The app still starts: /api/health answers 503 and the pages say the store is unreachable
  // until it comes back. The demo catalogue is loaded by the first start that reaches Redis.
  console.warn(
    `! Redis at ${ctx.config.REDIS_URL} cannot be reached (${(error as Error).message});`,
  );
  console.warn('  starting anyway: the app reports the store as unreachable until it is back.');
} finally {
  await closeAppContext();
}
