// The production front of `npm start` (and the crowd benchmark): nginx from deploy/nginx.conf.template
// in front of N `next start` instances on loopback ports, each restarted when it dies. Node
// built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { nginxPrefix } from './nginx-prefix.mjs';
import { dataDir, freePort, root, startNext, step, track, waitFor } from './stack.mjs';

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
  user = '',
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
    USER: user || '# (workers run as the user who started nginx)',
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

/** Lines nginx printed to its stderr, the last `keep` of them; each passed on to `sink` too. */
function nginxOutput(stream, sink, keep = 20) {
  const lines = [];
  let partial = '';
  stream.on('data', (chunk) => {
    const text = chunk.toString();
    if (sink === 'inherit') process.stderr.write(text);
    else if (typeof sink === 'number') writeSync(sink, text);
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  });
  /** The newest line at level error or worse (`[crit] … open() … failed (13: …)`), if any. */
  return { lastError: () => lines.findLast((l) => /\[(error|crit|alert|emerg)\]/.test(l)) };
}

/** One build asset's path under /_next/static/ (a chunk), or undefined before a build. */
function staticAsset() {
  const dir = join(root, '.next', 'static', 'chunks');
  const file = existsSync(dir) && readdirSync(dir).find((f) => f.endsWith('.js'));
  return file ? `/_next/static/chunks/${file}` : undefined;
}

/**
 * What a shopper's first page needs through the front: a cached public read and a static asset,
 * each 200 (nginx writes both to its cache: a prefix its workers cannot write breaks them, not
 * the health route). Resolves undefined when both answer, else what answered instead.
 */
export async function checkFront(url, { timeoutMs = 10_000 } = {}) {
  const paths = ['/api/products', staticAsset()].filter(Boolean);
  let problem;
  const ok = await waitFor(
    async () => {
      for (const path of paths) {
        const status = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(3000) }).then(
          async (r) => (await r.arrayBuffer(), r.status),
          (error) => `no answer (${error.message})`,
        );
        if (status !== 200) return void (problem = `${path} answered ${status} through nginx`);
      }
      return true;
    },
    { timeoutMs, everyMs: 250 },
  );
  return ok ? undefined : problem;
}

/**
 * Starts `count` instances and nginx on `host:port` in front of them (its cache and temp files in
 * a prefix named `name`, see nginx-prefix.mjs); resolves once nginx and every instance answer and
 * a cached read and a static asset come through nginx. `stop()` closes nginx first (no new
 * requests; in-flight ones finish, bounded), then the instances.
 */
export async function startFront({
  port,
  host = '0.0.0.0',
  count,
  env,
  nginx,
  name,
  stdio = 'inherit',
  onStarted,
  onEvent = (message) => console.log(`\u001b[33m!\u001b[0m ${message}`),
  workers,
}) {
  const ports = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  const place = nginxPrefix(name, { dataDir });
  const { prefix } = place;
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    renderNginxConfig({
      listen: `${host}:${port}`,
      upstreams: ports.map((p) => `127.0.0.1:${p}`),
      prefix,
      user: place.user,
      workers,
    }),
  );
  const instances = ports.map((p, i) =>
    superviseInstance({ index: i + 1, port: p, env, stdio, onEvent }),
  );
  let nginxChild;
  let output;
  let stopping = false;
  let up = false;
  let startError;
  const startProxy = () => {
    nginxChild = track(
      spawn(nginx, ['-p', prefix, '-c', conf, '-e', 'stderr'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      }),
    );
    output = nginxOutput(nginxChild.stderr, typeof stdio === 'string' ? stdio : stdio[2]);
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
  const fail = async (message, { explained = false } = {}) => {
    await stop();
    // explained: the message carries nginx's own words; the caller need not show its log.
    throw Object.assign(new Error(message), { explained });
  };
  // The instances first: nginx that starts before them marks them failed (`no live upstreams`)
  // and answers 502 to the first shoppers. Then nginx, and ready means a health check, a cached
  // read and a static asset answered through it.
  const instancesUp = await waitFor(
    async () => (await Promise.all(instances.map((i) => healthy(i.url)))).every(Boolean),
    { timeoutMs: 120_000, everyMs: 200 },
  );
  if (!instancesUp) await fail(`the app instances did not come up for port ${port}`);
  startProxy();
  const url = `http://127.0.0.1:${port}`;
  const ready = await waitFor(async () => startError !== undefined || (await healthy(url, true)), {
    timeoutMs: 30_000,
    everyMs: 100,
  });
  if (!ready || startError) await fail(startError ?? `the front did not come up on port ${port}`);
  const broken = await checkFront(url);
  if (broken) {
    const said = output.lastError();
    await fail(
      [
        broken,
        said ? `nginx said: ${said}` : 'nginx logged no error',
        `nginx's workers run as ${place.owner} and write in ${prefix}: they must be able to enter and write there (PROXY=off serves without nginx).`,
      ].join('\n  '),
      { explained: true },
    );
  }
  up = true;
  return {
    url,
    instances,
    nginxPid: () => nginxChild.pid,
    stop,
  };
}
