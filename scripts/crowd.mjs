// `npm run bench -- --crowd [--sizes 250,500,...] [--seconds 8] [--buyers 64] [--workers 2]`
// N simulated storefronts poll the snapshot as the page does (1 s after each answer, If-None-Match,
// one keep-alive connection each) while 64 buyers purchase, against one bare `next start` and
// against the default `npm start` serving (nginx in front of one instance per core), in one run.
// Prints and writes refreshes/s, p99 of one refresh, p99 staleness, Redis read commands/s and
// purchases/s per N; with --write, docs/performance-crowd.{json,svg}.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findNginx, startFront, stopChild } from './lib/front.mjs';
import { dualAxisChart } from './lib/svg-chart.mjs';
import {
  ensureBuild,
  ensureDependencies,
  fail,
  freePort,
  loadTestEnv,
  onShutdown,
  root,
  startNext,
  startScratchRedis,
  step,
  waitFor,
} from './lib/stack.mjs';

const { values: args } = parseArgs({
  options: {
    crowd: { type: 'boolean', default: true },
    sizes: { type: 'string', default: '250,500,1000,2000,4000,8000,10000' },
    seconds: { type: 'string', default: '8' },
    buyers: { type: 'string', default: '64' },
    workers: { type: 'string', default: '2' },
    // The front first: an overloaded bare instance keeps working through its backlog after a
    // phase, and its reads would count in the next phase's Redis figures.
    targets: { type: 'string', default: 'front,bare' },
    write: { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const MEASURE_MS = Number(args.seconds) * 1000;
const BUYERS = Number(args.buyers);
const WORKERS = Number(args.workers);
const POLL_MS = 1000;
const RAMP_MS = 3000;
const HOT = 'crowd-hot';
const STOCK = 1_000_000;

ensureDependencies();
if (!(await ensureBuild())) fail('next build failed.');
const nginx = findNginx();
if (!nginx.binary) fail(`${nginx.reason}; the crowd benchmark needs nginx.`);

step('starting a Redis of its own (AOF everysec, like npm start)');
const redis = await startScratchRedis('crowd', { persistent: true });
const prefix = `crowd-${randomBytes(3).toString('hex')}:`;
const password = randomBytes(12).toString('base64url');
const env = loadTestEnv({ redisUrl: redis.url, prefix, password });
const stopping = [];
// Redis (registered first) stops last, once nothing uses it.
const shutdown = async () => {
  const [stopRedis, ...rest] = stopping.splice(0);
  await Promise.all(rest.map((stop) => stop()));
  await stopRedis?.();
};
onShutdown(shutdown);
stopping.push(() => redis.stop());

const barePort = await freePort();
const bare = startNext({ port: barePort, env, stdio: 'ignore', host: '127.0.0.1' });
stopping.push(() => stopChild(bare));
const frontPort = await freePort();
const instances = availableParallelism();
const front = await startFront({
  port: frontPort,
  host: '127.0.0.1',
  count: instances,
  env: { ...env, TRUST_PROXY: 'loopback' },
  nginx: nginx.binary,
  name: `nginx-crowd-${frontPort}`,
  stdio: 'ignore',
});
stopping.push(() => front.stop());
const TARGETS = {
  bare: { label: 'one bare next start', port: barePort },
  front: { label: `npm start (nginx + ${instances} instances)`, port: frontPort },
};
const A = `http://127.0.0.1:${barePort}`;
if (!(await waitFor(async () => (await fetch(`${A}/api/health`).catch(() => null))?.ok === true)))
  fail('the bare instance did not start');

// --- set-up through the public API ---
const login = await fetch(`${A}/api/admin/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ password }),
});
const adminCookie = login.headers.get('set-cookie')?.split(';')[0];
if (!adminCookie) fail('admin login failed');
const admin = (path, method = 'GET', body) =>
  fetch(`${A}${path}`, {
    method,
    headers: { cookie: adminCookie, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  }).then((r) => r.json());
await admin(`/api/admin/products/${HOT}`, 'PUT', {
  name: 'Crowd Hot',
  priceCents: 100,
  stock: STOCK,
  limitPerShopper: 1000,
  startsAt: new Date(Date.now() - 60_000).toISOString(),
});
const cookies = [];
for (let i = 0; i < 1000; i++) {
  const res = await fetch(`${A}/api/session`, { method: 'POST' });
  cookies.push(res.headers.get('set-cookie').split(';')[0]);
}
async function topUp() {
  const { stock } = await fetch(`${A}/api/products/${HOT}`, { cache: 'no-store' }).then((r) =>
    r.json(),
  );
  if (stock < STOCK / 2)
    await admin(`/api/admin/products/${HOT}/restock`, 'POST', { add: STOCK - stock });
}

// --- Redis command counters (INFO commandstats) ---
function redisInfo() {
  const port = Number(new URL(redis.url).port);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let data = '';
    socket.on('connect', () => socket.write('INFO commandstats\r\n'));
    socket.on('data', (d) => {
      data += d.toString();
      const len = Number(/^\$(\d+)\r\n/.exec(data)?.[1]);
      if (len && Buffer.byteLength(data) >= len) socket.end();
    });
    socket.on('close', () => {
      const calls = {};
      for (const m of data.matchAll(/cmdstat_(\w+):calls=(\d+)/g)) calls[m[1]] = Number(m[2]);
      resolve(calls);
    });
    socket.on('error', reject);
  });
}
/**
 * Redis reads per second. Only the public reads send SMEMBERS (the catalogue) during a phase, once
 * per snapshot load, so its count is the number of loads; every load here is 5–6 commands
 * (SMEMBERS, one HGETALL per product, HMGET and one or two HGETALL for the stats, LRANGE). `all`
 * counts every read command, the purchases' WATCHed reads included.
 */
function readCounts(before, after, seconds) {
  const d = (c) => ((after[c] ?? 0) - (before[c] ?? 0)) / seconds;
  return {
    snapshotLoadsPerS: d('smembers'),
    allReadCommandsPerS: d('smembers') + d('lrange') + d('hgetall') + d('hmget') + d('get'),
  };
}

// --- buyers ---
function startBuyers(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: BUYERS });
  const state = { running: true, ok: 0, answers: [], measuring: false };
  let next = 0;
  const buy = () =>
    new Promise((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/products/${HOT}/purchase`,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            cookie: cookies[next++ % cookies.length],
          },
        },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => {
            if (res.statusCode === 200 && state.measuring) {
              state.ok++;
              state.answers.push({ t: Date.now(), remaining: JSON.parse(body).remaining });
            }
            resolve();
          });
        },
      );
      req.on('error', () => setTimeout(resolve, 100));
      req.end('{"quantity":1}');
    });
  const loops = Array.from({ length: BUYERS }, async () => {
    while (state.running) await buy();
  });
  return {
    state,
    stop: async () => {
      state.running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

// --- load generator processes, with the open-files limit raised to the hard limit ---
const workers = Array.from({ length: WORKERS }, () => {
  const child = spawn(
    'sh',
    [
      '-c',
      'ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"',
      process.execPath,
      join(root, 'scripts', 'lib', 'crowd-worker.mjs'),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return child;
});
stopping.push(async () => {
  for (const w of workers) await stopChild(w, 'SIGTERM', 1000);
});
const ask = (w, msg, type) =>
  new Promise((resolve) => {
    const on = (m) => {
      if (m.type !== type) return;
      w.off('message', on);
      resolve(m);
    };
    w.on('message', on);
    w.send(msg);
  });
const all = (msg, type) => Promise.all(workers.map((w) => ask(w, msg, type)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function percentile(hist, p, bucketMs = 5) {
  const total = hist.reduce((a, b) => a + b, 0);
  if (!total) return 0;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i];
    if (seen >= total * p) return (i + 1) * bucketMs;
  }
  return hist.length * bucketMs;
}
const sumHist = (hists) => hists[0].map((_, i) => hists.reduce((n, h) => n + h[i], 0));

async function phase(target, n) {
  const { port } = TARGETS[target];
  await topUp();
  const buyers = startBuyers(port);
  if (n > 0) {
    await all(
      {
        type: 'open',
        host: '127.0.0.1',
        port,
        path: '/api/snapshot?limit=50',
        pollMs: POLL_MS,
        rampMs: POLL_MS,
        needle: `"sku":"${HOT}"`,
        count: Math.ceil(n / WORKERS),
      },
      'opened',
    );
  }
  await sleep(RAMP_MS);
  const before = await redisInfo();
  if (n > 0) await all({ type: 'measure' }, 'measuring');
  const from = Date.now();
  buyers.state.measuring = true;
  await sleep(MEASURE_MS);
  buyers.state.measuring = false;
  const until = Date.now();
  const after = await redisInfo();
  const seconds = (until - from) / 1000;
  // Purchases answered in the first part of the window, so that every storefront had time to see them.
  const answers = buyers.state.answers.filter((a) => a.t <= until - 3000);
  const probes = [];
  for (let t = from; t <= until - 3000; t += 250) {
    const a = answers.find((x) => x.t >= t);
    if (a) probes.push(a);
  }
  let row = {
    target,
    n,
    purchasesPerS: buyers.state.ok / seconds,
    ...readCounts(before, after, seconds),
  };
  if (n > 0) {
    const reports = await all({ type: 'report', probes, until }, 'report');
    await all({ type: 'close' }, 'closed');
    const refreshes = reports.reduce((s, r) => s + r.refreshes, 0);
    row = {
      ...row,
      refreshesPerS: refreshes / seconds,
      fresh: refreshes / seconds / n,
      p99RefreshMs: percentile(sumHist(reports.map((r) => r.latency)), 0.99),
      p50RefreshMs: percentile(sumHist(reports.map((r) => r.latency)), 0.5),
      p99StalenessMs: percentile(sumHist(reports.map((r) => r.stale)), 0.99),
      notModifiedShare: reports.reduce((s, r) => s + r.notModified, 0) / Math.max(1, refreshes),
      failed: reports.reduce((s, r) => s + r.failed, 0),
      connectionErrors: reports.reduce((s, r) => s + r.errors, 0),
      probes: probes.length,
      // Staleness is cut at the end of the window: a share above 1 % makes its p99 a lower bound.
      unseenShare:
        reports.reduce((s, r) => s + r.unseen, 0) /
        Math.max(
          1,
          reports.reduce((s, r) => s + r.staleCount, 0),
        ),
    };
  }
  await buyers.stop();
  await sleep(1000);
  return row;
}

const f0 = (x) => Math.round(x).toLocaleString('en-US');
const rows = [];
const sizes = [0, ...SIZES];
for (const target of args.targets.split(',')) {
  // Warm-up, not recorded: JIT, connection pools and caches of this target.
  process.stdout.write(`  ${TARGETS[target].label}: warming up… `);
  await phase(target, 250);
  console.log('done');
  for (const n of sizes) {
    process.stdout.write(`  ${TARGETS[target].label}, ${n} storefronts… `);
    const row = await phase(target, n);
    rows.push(row);
    console.log(
      n === 0
        ? `buyers only: ${f0(row.purchasesPerS)} purchases/s, ${f0(row.allReadCommandsPerS)} read cmds/s`
        : `${f0(row.refreshesPerS)} refreshes/s (${row.fresh.toFixed(2)}×N), p50/p99 ${row.p50RefreshMs}/${row.p99RefreshMs} ms, p99 staleness ${row.unseenShare > 0.01 ? '≥ ' : ''}${row.p99StalenessMs} ms, ${row.snapshotLoadsPerS.toFixed(1)} snapshot loads/s, ${f0(row.allReadCommandsPerS)} read cmds/s (purchases incl.), ${f0(row.purchasesPerS)} purchases/s, 304 ${(row.notModifiedShare * 100).toFixed(0)} %, errors ${row.failed}/${row.connectionErrors}`,
    );
  }
}
const audit = await admin('/api/admin/audit');
const oversold = audit.products.reduce(
  (n, p) => n + Math.max(0, p.sold - p.orderUnits) + Math.max(0, -p.stock),
  0,
);
await all({ type: 'close' }, 'closed');
await shutdown();

console.log(`\naudit: ${audit.ok ? 'ok' : 'FAILED'}, oversold ${oversold}`);
const at = (target, n) => rows.find((r) => r.target === target && r.n === n);
const check = (label, ok) => console.log(`  ${ok ? '✓' : '✗'} ${label}`);
const isFresh = (r) =>
  r &&
  r.fresh >= 0.95 &&
  r.p99RefreshMs < 1000 &&
  r.p99StalenessMs <= 2000 &&
  r.unseenShare <= 0.01;
const freshUpTo = (target) =>
  Math.max(0, ...rows.filter((r) => r.target === target && r.n > 0 && isFresh(r)).map((r) => r.n));
console.log('\ntargets:');
console.log(
  `  one bare instance keeps fresh up to ${freshUpTo('bare')} storefronts (of those run)`,
);
console.log(`  npm start keeps fresh up to ${freshUpTo('front')} storefronts (of those run)`);
if (at('front', 8000)) {
  const r = at('front', 8000);
  check(
    `≥ 8,000 fresh through npm start (${r.fresh.toFixed(2)}×N, p99 ${r.p99RefreshMs} ms, staleness p99 ${r.p99StalenessMs} ms)`,
    isFresh(r),
  );
  if (at('front', 500))
    check(
      `Redis reads of the public reads at 8,000 ≤ 2× at 500 (${r.snapshotLoadsPerS.toFixed(1)} vs ${at('front', 500).snapshotLoadsPerS.toFixed(1)} snapshot loads/s)`,
      r.snapshotLoadsPerS <= 2 * at('front', 500).snapshotLoadsPerS,
    );
}
if (at('front', 0) && at('bare', 0))
  check(
    `purchases through npm start ≥ 1.0× one bare instance (${f0(at('front', 0).purchasesPerS)} vs ${f0(at('bare', 0).purchasesPerS)}/s)`,
    at('front', 0).purchasesPerS >= at('bare', 0).purchasesPerS,
  );
check('0 oversold, audit ok', oversold === 0 && audit.ok);

const report = {
  at: new Date().toISOString(),
  instances,
  measureS: MEASURE_MS / 1000,
  buyers: BUYERS,
  rows,
  audit: { ok: audit.ok, oversold },
};
mkdirSync(join(root, 'bench-results'), { recursive: true });
const file = join(root, 'bench-results', `crowd-${Date.now()}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nresults: ${file}`);
if (args.write) {
  writeFileSync(
    join(root, 'docs', 'performance-crowd.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  const points = SIZES.map((n) => ({
    x: n,
    ideal: n,
    bare: at('bare', n)?.refreshesPerS ?? 0,
    front: at('front', n)?.refreshesPerS ?? 0,
    staleness: (at('front', n)?.p99StalenessMs ?? 0) / 1000,
  }));
  writeFileSync(
    join(root, 'docs', 'performance-crowd.svg'),
    dualAxisChart({
      title: 'Storefront refreshes per second by open storefronts (1 s poll, 64 buyers)',
      xLabel: 'open storefronts',
      left: {
        label: 'refreshes / s',
        series: [
          { key: 'ideal', label: 'N / s', color: '#a1a1aa' },
          { key: 'front', label: 'npm start', color: '#4f46e5' },
          { key: 'bare', label: 'one instance', color: '#f59e0b' },
        ],
      },
      right: { key: 'staleness', label: 'p99 staleness, npm start (s)', color: '#dc2626' },
      points,
    }),
  );
  console.log('written: docs/performance-crowd.json, docs/performance-crowd.svg');
}
process.exit(audit.ok && oversold === 0 ? 0 : 1);
