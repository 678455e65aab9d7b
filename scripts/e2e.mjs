// `npm run e2e -- [playwright args]`: a throw-away Redis, the production build, then Playwright.
import {
  ensureBuild,
  ensureChromium,
  ensureDependencies,
  fail,
  runPlaywright,
  startScratchRedis,
} from './lib/stack.mjs';

ensureDependencies();
ensureChromium();
if (!(await ensureBuild())) fail('next build failed.');
const redis = await startScratchRedis('e2e');
const status = await runPlaywright({ redisUrl: redis.url, args: process.argv.slice(2) });
await redis.stop();
process.exit(status);
