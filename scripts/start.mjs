// `npm start` (and `npm run dev` with --dev): install what is missing, start a local Redis unless
// REDIS_URL is set, seed the demo catalogue on first run, build when stale, serve on PORT.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  dataDir,
  ensureBuild,
  ensureDependencies,
  ensureSecrets,
  fail,
  onShutdown,
  root,
  startNext,
  startRedis,
  step,
} from './lib/stack.mjs';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);

ensureDependencies();
const secrets = ensureSecrets();
let redis;
let redisUrl = process.env.REDIS_URL;
if (!redisUrl && !process.env.REDIS_CLUSTER_NODES) {
  const redisPort = Number(process.env.REDIS_PORT ?? 6380);
  step(`starting a local Redis on 127.0.0.1:${redisPort} (data in .data/redis, AOF everysec)`);
  redis = await startRedis({ port: redisPort, dir: join(dataDir, 'redis') });
  redisUrl = redis.url;
}
const env = {
  REDIS_URL: redisUrl,
  ADMIN_PASSWORD: secrets.adminPassword,
  SESSION_SECRET: secrets.sessionSecret,
  PORT: String(port),
};
const stopAll = async () => {
  await redis?.stop();
};

const seed = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'seed.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...env },
});
if (seed.status !== 0) {
  await stopAll();
  process.exit(seed.status ?? 1);
}
if (!dev && !ensureBuild()) {
  await stopAll();
  fail('next build failed; see the output above.');
}

const server = startNext({ port, env, dev });
onShutdown(async () => {
  server.kill('SIGTERM');
  await new Promise((resolve) =>
    server.exitCode === null ? server.once('exit', resolve) : resolve(),
  );
  await stopAll();
});
server.on('exit', async (code) => {
  await stopAll();
  process.exit(code ?? 0);
});
console.log(`\n  Stockrush is starting on http://localhost:${port}`);
console.log(
  `  Admin: http://localhost:${port}/admin — password from ${secrets.adminPasswordSource}\n`,
);
