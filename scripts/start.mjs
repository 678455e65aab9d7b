// `npm start` (and `npm run dev` with --dev): install what is missing, start a local Redis unless
// REDIS_URL is set (and restart it if it dies), build when stale, seed the demo catalogue on first
// run, then serve on PORT: nginx in front of APP_INSTANCES `next start` processes (each restarted
// if it dies), or one process with PROXY=off, without nginx, or in dev.
//
// The terminal shows Stockrush's own lines (steps, progress, the one URL to open); what the
// servers print goes to a log file whose path is shown. SIGINT, SIGTERM, SIGHUP, or npm going away
// stop everything it started.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { findNginx, listening, startFront, stopChild } from './lib/front.mjs';
import { markTree, onParentGone, sweep } from './lib/process-tree.mjs';
import { openStartLog, progress } from './lib/start-log.mjs';
import {
  buildIsCurrent,
  dataDir,
  ensureBuild,
  ensureDependencies,
  ensureSecrets,
  fail,
  root,
  startNext,
  startRedis,
  step,
  waitFor,
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

const mark = markTree('STOCKRUSH_START_RUN');
const log = openStartLog(port);
ensureDependencies();
const secrets = ensureSecrets();

// Whatever has been started so far is stopped on a signal or when npm goes away, also during the
// set-up; a last sweep ends anything of this start that is still there.
const running = { front: undefined, server: undefined, redis: undefined, build: undefined };
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await running.front?.stop();
  await stopChild(running.server, 'SIGTERM', 1500);
  await stopChild(running.build, 'SIGTERM', 1500);
  await running.redis?.stop();
  await sweep(mark, { graceMs: 1000 });
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));
process.on('SIGHUP', () => void shutdown(129));
onParentGone(() => void shutdown(143));

/**
 * The local Redis, watched: when it dies, say so and start it again on the same data (AOF), on
 * the same port; the app's clients reconnect by themselves.
 */
async function supervisedRedis(redisPort, dir) {
  const start = () => startRedis({ port: redisPort, dir, stderr: log.fd });
  let current = await start();
  let down = false;
  const watch = () =>
    current.child.once('exit', async (code, signal) => {
      if (down) return;
      console.log(
        `\u001b[33m!\u001b[0m Redis on port ${redisPort} exited (${signal ?? `code ${code}`}); restarting it on the same data (${dir})`,
      );
      current = await start();
      step(`Redis is back on port ${redisPort}`);
      log.line(`Redis pid ${current.child.pid}`);
      watch();
    });
  watch();
  log.line(`Redis pid ${current.child.pid}`);
  return {
    url: current.url,
    stop: async () => {
      down = true;
      await current.stop();
    },
  };
}

let redisUrl = process.env.REDIS_URL;
if (!redisUrl && !process.env.REDIS_CLUSTER_NODES) {
  const redisPort = Number(process.env.REDIS_PORT ?? 6380);
  const dir = process.env.REDIS_DIR ?? join(dataDir, 'redis');
  step(`starting a local Redis on 127.0.0.1:${redisPort} (data in ${dir}, AOF everysec)`);
  running.redis = await supervisedRedis(redisPort, dir);
  redisUrl = running.redis.url;
}
const env = {
  REDIS_URL: redisUrl,
  ADMIN_PASSWORD: secrets.adminPassword,
  SESSION_SECRET: secrets.sessionSecret,
  PORT: String(port),
};

if (!dev && !buildIsCurrent()) {
  const building = progress('building the app (next build; the first start takes 1–3 minutes)');
  const built = await ensureBuild({
    stdio: ['ignore', log.fd, log.fd],
    onChild: (child) => (running.build = child),
    quiet: true,
  });
  building.done(built);
  if (!built) {
    log.tail(25);
    await shutdown(1);
  }
}

// After the build: the demo's "starts in five minutes" counts from when serving begins.
const seed = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'seed.ts')], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, ...env },
});
if (seed.status !== 0) await shutdown(seed.status ?? 1);

let nginx;
if (proxy) {
  nginx = findNginx();
  if (!nginx.binary) {
    console.log(
      `\u001b[33m!\u001b[0m ${nginx.reason}: serving from one next start process on port ${port}, without the proxy.`,
    );
  }
}

const serving = progress(
  nginx?.binary
    ? `starting nginx in front of ${count} app instance(s)`
    : `starting the app${dev ? ' (next dev)' : ''}`,
);
if (nginx?.binary) {
  try {
    const front = await startFront({
      port,
      host,
      count,
      // The instances sit behind nginx: they may believe its X-Forwarded-* headers.
      env: { ...env, TRUST_PROXY: 'loopback' },
      nginx: nginx.binary,
      name: `nginx-${port}`,
      stdio: ['ignore', log.fd, log.fd],
      onStarted: (starting) => (running.front = starting),
      onEvent: (message) => {
        console.log(`\u001b[33m!\u001b[0m ${message}`);
        log.line(message);
      },
    });
    for (const i of front.instances) log.line(`instance ${i.index} on ${i.url} (pid ${i.pid()})`);
    log.line(`nginx pid ${front.nginxPid()}`);
  } catch (error) {
    serving.done(false);
    console.error(`\u001b[31m✗\u001b[0m ${error.message}`);
    if (!error.explained) log.tail(25);
    await shutdown(1);
  }
} else {
  const server = startNext({ port, env, dev, host, stdio: ['ignore', log.fd, log.fd] });
  running.server = server;
  log.line(`app pid ${server.pid}`);
  server.on('exit', (code) => {
    if (stopping) return;
    console.error(`\u001b[31m✗\u001b[0m the app exited (code ${code}); see ${log.path}`);
    log.tail(25);
    void shutdown(code || 1);
  });
  const up = await waitFor(
    () =>
      fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200 || r.status === 503,
        () => false,
      ),
    { timeoutMs: 180_000, everyMs: 200 },
  );
  if (!up) {
    serving.done(false);
    await shutdown(1);
  }
}
serving.done(true);

console.log(`\n  Stockrush is ready on http://localhost:${port}`);
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
console.log(`  Server logs: ${log.path}`);
console.log('  Ctrl-C stops everything.\n');
