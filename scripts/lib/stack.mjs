// Set-up shared by `npm start`, `npm test`, `npm run e2e` and `npm run bench`: dependencies, a
// project-local Redis, secrets, the production build. Node built-ins only: it runs before
// `npm ci` has installed anything.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { e2eServerEnv } from '../../e2e/support/server-env.mjs';
import { runStep, signalGroup } from './process-tree.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dataDir = join(root, '.data');

const children = new Set();

/**
 * Remembers a child that runs in a process group of its own (so Ctrl-C does not reach it): if this
 * script ends without stopping it (a `fail()`, an uncaught error), it is sent SIGTERM on the way out.
 */
export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
process.on('exit', () => {
  for (const child of children) child.kill('SIGTERM');
});

/** Prints one step of the set-up. */
export function step(message) {
  console.log(`\u001b[36m›\u001b[0m ${message}`);
}

/** Stops with one clear line and a non-zero exit. */
export function fail(message) {
  console.error(`\u001b[31m✗\u001b[0m ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  return result.status === 0;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Runs `npm ci` when node_modules is missing or older than the lock file. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (mtime(marker) >= mtime(join(root, 'package-lock.json')) && mtime(marker) > 0) return;
  step('installing npm dependencies (npm ci)');
  if (!run('npm', ['ci', '--no-audit', '--no-fund'])) fail('npm ci failed; see the output above.');
}

function which(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
}

let aptUpdated = false;
/** Installs Debian packages when a command is missing; stops with a clear message when it cannot. */
export function ensureDebianPackage(command, pkg, hint) {
  const found = which(command);
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    fail(
      `${command} is not installed and cannot be installed here (needs root on Debian). ${hint}`,
    );
  }
  step(`installing Debian package ${pkg}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq'], { env });
    aptUpdated = true;
  }
  if (!run('apt-get', ['install', '-y', '-qq', pkg], { env })) {
    fail(`apt-get could not install ${pkg}. ${hint}`);
  }
  return which(command) || fail(`${pkg} installed but ${command} is still missing. ${hint}`);
}

/** The admin password and session secret: from the environment, else generated once into .data/. */
export function ensureSecrets() {
  const file = join(dataDir, 'secrets.json');
  let secrets = {};
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, 'utf8'));
  let changed = false;
  const generatedPassword = !process.env.ADMIN_PASSWORD && !secrets.ADMIN_PASSWORD;
  if (!secrets.ADMIN_PASSWORD) {
    secrets.ADMIN_PASSWORD = randomBytes(12).toString('base64url');
    changed = true;
  }
  if (!secrets.SESSION_SECRET) {
    secrets.SESSION_SECRET = randomBytes(48).toString('base64url');
    changed = true;
  }
  if (changed) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    adminPassword: process.env.ADMIN_PASSWORD ?? secrets.ADMIN_PASSWORD,
    adminPasswordSource: process.env.ADMIN_PASSWORD ? 'ADMIN_PASSWORD' : file,
    /** True on the run that generated the password: the only time it is printed. */
    generatedPassword,
    sessionSecret: process.env.SESSION_SECRET ?? secrets.SESSION_SECRET,
  };
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function ping(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      reply += data.toString();
      if (reply.includes('\r\n')) socket.end();
    });
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
    socket.on('error', () => resolve(false));
  });
}

/** Waits until `check()` resolves true, polling every `everyMs`; false after `timeoutMs`. */
export async function waitFor(check, { timeoutMs = 15_000, everyMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return false;
}

/** Makes `path` and everything under it readable by this user only (0700 folders, 0600 files). */
function ownerOnly(path) {
  const stat = statSync(path);
  chmodSync(path, stat.isDirectory() ? 0o700 : 0o600);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) ownerOnly(join(path, entry));
}

/**
 * Starts redis-server as a child on 127.0.0.1:`port` with AOF (appendfsync everysec) in `dir`,
 * waits for PING, and returns `{ url, stop }`. `stop()` shuts it down cleanly.
 */
export async function startRedis({ port, dir, persistent = true, stderr = 'inherit' }) {
  const binary = ensureDebianPackage(
    'redis-server',
    'redis-server',
    'Install Redis (apt-get install redis-server) or set REDIS_URL to a running Redis.',
  );
  if (await ping(port))
    fail(`Something already answers on port ${port}. Stop it or set REDIS_PORT.`);
  mkdirSync(dir, { recursive: true });
  // Orders and session ids are in the AOF: this user's only (0700 folders, 0600 files, also those
  // of an earlier run), and redis-server creates its files under umask 077. .data itself is this
  // user's only too (nginx's workers never need it: see nginx-prefix.mjs).
  if (dirname(dir) === dataDir) chmodSync(dataDir, 0o700);
  ownerOnly(dir);
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  args.push(
    ...(persistent ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no']),
  );
  // A process group of its own: Ctrl-C reaches only the script, which stops Redis last.
  const child = track(
    spawn('sh', ['-c', 'umask 077 && exec "$0" "$@"', binary, ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', stderr],
      detached: true,
    }),
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  if (!(await waitFor(async () => exited || (await ping(port)))))
    fail(`Redis did not start on port ${port}.`);
  if (exited) fail(`redis-server exited at start (port ${port}); see its output.`);
  return {
    url: `redis://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A throw-away Redis for one run (tests, e2e, bench) on a free port, with its data folder under
 * .data/ removed again when it stops.
 */
export async function startScratchRedis(name, { persistent = false } = {}) {
  const port = await freePort();
  const dir = join(dataDir, `${name}-redis-${port}`);
  const redis = await startRedis({ port, dir, persistent });
  return {
    url: redis.url,
    stop: async () => {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium for Playwright, installed when missing. */
export function ensureChromium() {
  ensureDebianPackage(
    'chromium',
    'chromium',
    'Install Chromium (apt-get install chromium) or set CHROMIUM_PATH.',
  );
}

/**
 * Runs Playwright (`playwright test ...args`) against the production build, with a key prefix and
 * app port of its own on the Redis at `redisUrl`. The server is started here, in a process group
 * of its own, and stopped (group and all) whatever Playwright did; Playwright runs in a group of its
 * own too, bounded by `limitMs`. `onChild` hears of each group leader while it runs (for a signal
 * handler). Resolves with Playwright's exit status.
 */
export async function runPlaywright({ redisUrl, args = [], env = {}, limitMs, onChild }) {
  const port = await freePort();
  const runEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `e2e-${randomBytes(3).toString('hex')}:`,
    E2E_PORT: String(port),
    E2E_SERVER: 'external',
    ...env,
  };
  const logFile = join(root, 'test-results', 'e2e-server.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'w');
  const server = startNext({
    port,
    host: '127.0.0.1',
    env: e2eServerEnv(runEnv),
    stdio: ['ignore', log, log],
    detached: true,
  });
  onChild?.(server);
  let serverExited = false;
  server.once('exit', () => (serverExited = true));
  try {
    const up = await waitFor(
      async () =>
        serverExited ||
        (await fetch(`http://127.0.0.1:${port}/api/health`).then(
          (r) => r.ok,
          () => false,
        )),
      { timeoutMs: 120_000, everyMs: 200 },
    );
    if (!up || serverExited) {
      console.error(`✗ the e2e server did not come up on port ${port}; see ${logFile}`);
      return 1;
    }
    const cli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
    const { code } = await runStep(process.execPath, [cli, 'test', ...args], {
      cwd: root,
      env: runEnv,
      limitMs,
      onChild,
    });
    return code;
  } finally {
    await stopGroup(server, 5000);
    closeSync(log);
  }
}

/** SIGTERM to a detached child's whole group, SIGKILL after `graceMs`; resolves once it exited. */
export async function stopGroup(child, graceMs = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null)
    return signalGroup(child, 'SIGKILL');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  signalGroup(child, 'SIGKILL');
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'types',
  'public',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];

/** True when a production build exists and no source file is newer than it. */
export function buildIsCurrent() {
  const built = mtime(join(root, '.next', 'BUILD_ID'));
  return built > Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(root, p))));
}

/**
 * Runs `next build` when there is no build or a source file is newer than it, in a process group
 * of its own (`onChild` hears of it while it runs, so a signal handler can end it). Resolves true
 * when a current build is there.
 */
export async function ensureBuild({
  force = false,
  onChild,
  stdio = 'inherit',
  quiet = false,
} = {}) {
  const built = mtime(join(root, '.next', 'BUILD_ID'));
  const newest = Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(root, p))));
  if (!force && built > newest) return true;
  if (!quiet) step('building the app (next build)');
  const { code } = await runStep(
    process.execPath,
    [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'],
    { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, onChild, stdio },
  );
  return code === 0;
}

// A larger young generation: the request path allocates many short-lived objects, and with the
// default semi-space the scavenger took about 16 % of the server's CPU under load (docs/PERFORMANCE.md).
const SERVER_NODE_OPTIONS = '--max-semi-space-size=32';

/**
 * The environment of an app instance under a load generator: a key prefix and secrets of its own,
 * production mode, and per-address limits sized for a crowd that all comes from 127.0.0.1 (they
 * stay on, as in production).
 */
export function loadTestEnv({ redisUrl, prefix, password }) {
  return {
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    ADMIN_PASSWORD: password,
    SESSION_SECRET: randomBytes(48).toString('base64url'),
    NODE_ENV: 'production',
    LOGIN_RATE_POINTS: '1000',
    SESSION_RATE_POINTS: '1000000',
    PURCHASE_RATE_POINTS: '10000000',
  };
}

/** Starts `next start` (or `next dev`) directly, so that stopping it stops the server itself. */
export function startNext({ port, env, dev = false, stdio = 'inherit', host, detached = false }) {
  const bin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const nodeOptions = [process.env.NODE_OPTIONS, SERVER_NODE_OPTIONS].filter(Boolean).join(' ');
  const args = [bin, dev ? 'dev' : 'start', '-p', String(port), ...(host ? ['-H', host] : [])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_OPTIONS: nodeOptions, ...env },
    stdio,
    detached,
  });
  return detached ? track(child) : child;
}

/** Calls `fn` once on Ctrl-C, SIGTERM or SIGHUP, then exits with `code`. */
export function onShutdown(fn) {
  let done = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      if (done) return;
      done = true;
      await fn();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}
