// The production front of `npm start` (and the crowd benchmark): nginx from deploy/nginx.conf.template
// in front of N `next start` instances on loopback ports, each restarted when it dies. Node
// built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { freePort, root, startNext, step, track, waitFor } from './stack.mjs';

const TEMPLATE = join(root, 'deploy', 'nginx.conf.template');

/**
 * The open-file limit nginx may ask for: 65536, or the hard limit when that is lower (asking for
 * more than the hard limit fails with an alert at every start).
 */
export function nofileLimit(wanted = 65536) {
  const hard = spawnSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).stdout.trim();
  return hard === 'unlimited' || !Number(hard) ? wanted : Math.min(wanted, Number(hard));
}

/**
 * The proxies an operator put in front of nginx (FRONT_TRUST_PROXY: comma-separated addresses or
 * CIDR ranges); none by default, nginx then being the outermost proxy.
 */
export function parseFrontTrustProxy(value = '') {
  const list = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of list) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry))
      throw new Error(`FRONT_TRUST_PROXY: "${entry}" is not an address or CIDR range`);
  }
  return list;
}

/**
 * Fills the nginx template; every placeholder must be given. `trustedProxies` (default
 * FRONT_TRUST_PROXY) are believed for the client address and scheme; `connPerAddress` (default
 * FRONT_CONN_PER_ADDRESS, else 100) caps one address's open connections.
 */
export function renderNginxConfig({
  listen,
  upstreams,
  prefix,
  workers = 'auto',
  nofile = nofileLimit(),
  trustedProxies = parseFrontTrustProxy(process.env.FRONT_TRUST_PROXY),
  connPerAddress = Number(process.env.FRONT_CONN_PER_ADDRESS ?? 100),
}) {
  if (!Number.isInteger(connPerAddress) || connPerAddress < 1)
    throw new Error('FRONT_CONN_PER_ADDRESS must be a positive whole number');
  const values = {
    LISTEN: listen,
    UPSTREAM_SERVERS: upstreams
      .map((u) => `server ${u} max_fails=1 fail_timeout=1s;`)
      .join('\n    '),
    PREFIX: prefix,
    WORKERS: String(workers),
    NOFILE: String(nofile),
    WORKER_CONNECTIONS: String(Math.max(1024, Math.floor(nofile / 2))),
    CONN_PER_ADDRESS: String(connPerAddress),
    REAL_IP: trustedProxies.length
      ? [
          ...trustedProxies.map((p) => `set_real_ip_from ${p};`),
          'real_ip_header X-Forwarded-For;',
          'real_ip_recursive on;',
        ].join('\n  ')
      : '# (no proxy in front of this nginx: FRONT_TRUST_PROXY is empty)',
    TRUSTED_PROXY_GEO: trustedProxies.map((p) => `${p} 1;`).join('\n    '),
  };
  return readFileSync(TEMPLATE, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`nginx template: no value for {{${name}}}`);
    return values[name];
  });
}

function commandPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
}

/**
 * The nginx binary, installed from Debian (nginx-light) when missing and possible; undefined, with
 * the reason, when it cannot be had (then the caller serves from one instance instead).
 */
export function findNginx() {
  const found = commandPath('nginx') || (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : '');
  if (found) return { binary: found };
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get'))
    return { reason: 'nginx is not installed and cannot be installed here (needs root on Debian)' };
  step('installing Debian package nginx-light');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const ok = spawnSync('apt-get', ['install', '-y', '-qq', 'nginx-light'], {
    stdio: 'inherit',
    env,
  });
  const after = commandPath('nginx') || (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : '');
  return after
    ? { binary: after }
    : { reason: `apt-get could not install nginx-light (exit ${ok.status})` };
}

/** True when something accepts TCP connections on host:port. */
export function listening(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

/** The app answers its health route: 200, or 503 (it runs, only Redis is away) unless `strict`. */
async function healthy(url, strict = false) {
  try {
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    // 503 means the instance runs and only Redis is away: it serves, and recovers by itself.
    return res.status === 200 || (!strict && res.status === 503);
  } catch {
    return false;
  }
}

function exited(child) {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve),
  );
}

/** Sends `signal`, then SIGKILL after `graceMs`; resolves when the child has exited. */
export async function stopChild(child, signal = 'SIGTERM', graceMs = 1500) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/**
 * One supervised `next start` on 127.0.0.1:`port`: restarted (after a short, growing pause) each
 * time it exits until `stop()`; `onEvent` hears of every crash and restart.
 */
function superviseInstance({ index, port, env, stdio, onEvent }) {
  let child;
  let stopping = false;
  let restarts = 0;
  let lastStart = 0;
  const start = () => {
    lastStart = Date.now();
    // Own process groups: Ctrl-C reaches only the supervisor, which drains and stops in order.
    child = startNext({ port, env, stdio, host: '127.0.0.1', detached: true });
    child.once('exit', (code, signal) => {
      if (stopping) return;
      // A crash loop backs off; an instance that ran a while restarts at once.
      restarts = Date.now() - lastStart > 10_000 ? 0 : restarts + 1;
      const delay = Math.min(5000, 250 * 2 ** Math.max(0, restarts - 1)) * (restarts ? 1 : 0);
      onEvent?.(
        `instance ${index} (port ${port}) exited (${signal ?? `code ${code}`}); restarting${delay ? ` in ${delay} ms` : ''}`,
      );
      setTimeout(() => !stopping && start(), delay);
    });
  };
  start();
  return {
    index,
    port,
    url: `http://127.0.0.1:${port}`,
    pid: () => child.pid,
    stop: async () => {
      stopping = true;
      // The instance itself exits SHUTDOWN_GRACE_MS (1 s) after SIGTERM; KILL only if it hangs.
      await stopChild(child, 'SIGTERM', 1500);
    },
  };
}

/**
 * Starts `count` instances and nginx on `host:port` in front of them; resolves once nginx and
 * every instance answer. `stop()` closes nginx first (no new requests; in-flight ones finish,
 * bounded), then the instances.
 */
export async function startFront({
  port,
  host = '0.0.0.0',
  count,
  env,
  nginx,
  prefix,
  stdio = 'inherit',
  onStarted,
  onEvent = (message) => console.log(`\u001b[33m!\u001b[0m ${message}`),
  workers,
}) {
  const ports = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    renderNginxConfig({
      listen: `${host}:${port}`,
      upstreams: ports.map((p) => `127.0.0.1:${p}`),
      prefix,
      workers,
    }),
  );
  const instances = ports.map((p, i) =>
    superviseInstance({ index: i + 1, port: p, env, stdio, onEvent }),
  );
  let nginxChild;
  let stopping = false;
  let up = false;
  let startError;
  const startProxy = () => {
    nginxChild = track(
      spawn(nginx, ['-p', prefix, '-c', conf, '-e', 'stderr'], {
        stdio: ['ignore', 'ignore', typeof stdio === 'string' ? stdio : stdio[2]],
        detached: true,
      }),
    );
    nginxChild.once('exit', (code, signal) => {
      if (stopping) return;
      // At start an exit is a configuration or port problem: restarting would not help.
      if (!up) return void (startError = `nginx exited at start (${signal ?? `code ${code}`})`);
      onEvent(`nginx exited (${signal ?? `code ${code}`}); restarting`);
      setTimeout(() => !stopping && startProxy(), 250);
    });
  };
  const stop = async () => {
    stopping = true;
    // QUIT: nginx stops listening, closes idle keep-alive connections and lets in-flight requests
    // (purchases) finish; a request still running after the bound is cut.
    await stopChild(nginxChild, 'SIGQUIT', 800);
    await Promise.all(instances.map((i) => i.stop()));
    rmSync(prefix, { recursive: true, force: true });
  };
  onStarted?.({ stop });
  const fail = async (message) => {
    await stop();
    throw new Error(message);
  };
  // The instances first: nginx that starts before them marks them failed (`no live upstreams`)
  // and answers 502 to the first shoppers. Then nginx, and ready means a health check answered
  // through it.
  const instancesUp = await waitFor(
    async () => (await Promise.all(instances.map((i) => healthy(i.url)))).every(Boolean),
    { timeoutMs: 120_000, everyMs: 200 },
  );
  if (!instancesUp) await fail(`the app instances did not come up for port ${port}`);
  startProxy();
  const ready = await waitFor(
    async () => startError !== undefined || (await healthy(`http://127.0.0.1:${port}`, true)),
    { timeoutMs: 30_000, everyMs: 100 },
  );
  if (!ready || startError) await fail(startError ?? `the front did not come up on port ${port}`);
  up = true;
  return {
    url: `http://127.0.0.1:${port}`,
    instances,
    nginxPid: () => nginxChild.pid,
    stop,
  };
}
