// `npm run e2e -- [playwright args]`: a throw-away Redis, the production build, then Playwright.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  ensureBuild,
  ensureDebianPackage,
  ensureDependencies,
  fail,
  freePort,
  root,
  startRedis,
} from './lib/stack.mjs';

ensureDependencies();
ensureDebianPackage(
  'chromium',
  'chromium',
  'Install Chromium (apt-get install chromium) or set CHROMIUM_PATH.',
);
if (!ensureBuild()) fail('next build failed.');
const port = await freePort();
const redis = await startRedis({
  port,
  dir: join(root, '.data', `e2e-redis-${port}`),
  persistent: false,
});
const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `e2e-${randomBytes(3).toString('hex')}:`,
      E2E_PORT: String(await freePort()),
    },
  },
);
await redis.stop();
process.exit(result.status ?? 1);
