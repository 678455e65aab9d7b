// `npm start` (and `npm run dev` with --dev): install what is missing, start a local Redis unless
// REDIS_URL is set (and restart it if it dies), seed the demo catalogue on first run, build when
// stale, then serve on PORT: nginx in front of APP_INSTANCES `next start` processes (each
// restarted if it dies), or one process with PROXY=off, without nginx, or in dev.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { findNginx, listening, startFront, stopChild } from './lib/front.mjs';
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
const host = process.env.HOST ?? '0.0.0.0';
const count = Number(process.env.APP_INSTANCES ?? availableParallelism());
const proxy = !dev && !['off', '0', 'false'].includes(process.env.PROXY ?? 'on');
if (!Number.isInteger(count) || count < 1 || count > 64) fail('APP_INSTANCES must be 1 to 64.');

// A second start would fight the first for its port and its Redis: refuse it in one line.
if (await listening(port)) {
  fail(`Port ${port} is already in use — is Stockrush already running? Stop it or set PORT.`);
}

ensureDependencies();
const secrets = ensureSecrets();

// Whatever has been started so far is stopped on Ctrl-C, SIGTERM or SIGHUP, also during the set-up.
const running = { front: undefined, server: undefined, redis: undefined };
onShutdown(async () => {
  await running.front?.stop();
  await stopChild(running.server, 'SIGTERM', 1500);
  await running.redis?.stop();
});

/**
 * The local Redis, watched: when it dies, say so and start it again on the same data (AOF), on
 * the same port; the app's clients reconnect by themselves.
 */
async function supervisedRedis(redisPort, dir) {
  let current = await startRedis({ port: redisPort, dir });
  let stopping = false;
  const watch = () =>
    current.child.once('exit', async (code, signal) => {
      if (stopping) return;
      console.log(
        `\u001b[33m!\u001b[0m Redis on port ${redisPort} exited (${signal ?? `code ${code}`}); restarting it on the same data (${dir})`,
      );
      current = await startRedis({ port: redisPort, dir });
      step(`Redis is back on port ${redisPort} (pid ${current.child.pid})`);
      watch();
    });
  watch();
  step(`Redis pid ${current.child.pid}`);
  return {
    url: current.url,
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}

let redis;
let redisUrl = process.env.REDIS_URL;
if (!redisUrl && !process.env.REDIS_CLUSTER_NODES) {
  const redisPort = Number(process.env.REDIS_PORT ?? 6380);
  const dir = process.env.REDIS_DIR ?? join(dataDir, 'redis');
  step(`starting a local Redis on 127.0.0.1:${redisPort} (data in ${dir}, AOF everysec)`);
  redis = await supervisedRedis(redisPort, dir);
  running.redis = redis;
  redisUrl = redis.url;
}
const env = {
  REDIS_URL: redisUrl,
  ADMIN_PASSWORD: secrets.adminPassword,
  SESSION_SECRET: secrets.sessionSecret,
  PORT: String(port),
};

const seed = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'seed.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...env },
});
if (seed.status !== 0) {
  await redis?.stop();
  process.exit(seed.status ?? 1);
}
if (!dev && !ensureBuild()) {
  await redis?.stop();
  fail('next build failed; see the output above.');
}

let nginx;
if (proxy) {
  nginx = findNginx();
  if (!nginx.binary) {
    console.log(
      `\u001b[33m!\u001b[0m ${nginx.reason}: serving from one next start process on port ${port}, without the proxy.`,
    );
  }
}

if (nginx?.binary) {
  step(`serving on port ${port}: nginx in front of ${count} next start instance(s)`);
  let front;
  try {
    front = await startFront({
      port,
      host,
      count,
      // The instances sit behind nginx: they may believe its X-Forwarded-* headers.
      env: { ...env, TRUST_PROXY: 'loopback' },
      nginx: nginx.binary,
      prefix: join(dataDir, `nginx-${port}`),
      onStarted: (starting) => (running.front = starting),
    });
  } catch (error) {
    await redis?.stop();
    fail(error.message);
  }
  for (const i of front.instances) step(`instance ${i.index} on ${i.url} (pid ${i.pid()})`);
  step(`nginx pid ${front.nginxPid()}`);
} else {
  const server = startNext({ port, env, dev });
  running.server = server;
  server.on('exit', async (code) => {
    await redis?.stop();
    process.exit(code ?? 0);
  });
}
console.log(`\n  Stockrush is starting on http://localhost:${port}`);
console.log(`  Admin: http://localhost:${port}/admin`);
if (secrets.generatedPassword) {
  // Printed once, on the run that generated it; later runs say how to read it again.
  console.log(`  Admin password (generated now): ${secrets.adminPassword}`);
  console.log(`  It is kept in ${secrets.adminPasswordSource}; read it later with:`);
} else if (secrets.adminPasswordSource === 'ADMIN_PASSWORD') {
  console.log('  Admin password: the ADMIN_PASSWORD you set.');
} else {
  console.log(`  Admin password: kept in ${secrets.adminPasswordSource}; read it with:`);
}
if (secrets.adminPasswordSource !== 'ADMIN_PASSWORD') {
  console.log(`    node -p "require('${secrets.adminPasswordSource}').ADMIN_PASSWORD"`);
}
console.log('');
