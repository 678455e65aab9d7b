// `npm run bench -- --instances 1,2,4 [--buyers 64] [--slice 3] [--rounds 2] [--buckets 8]
//   [--nginx-workers auto,1] [--direct] [--write]`
// Scaling out on one Redis: for each instance count, the default serving (nginx in front of that
// many `next start` instances) sells one hot product to 64 buyers, made without buckets (the
// server's default: one per live instance) and with several set by hand (buckets on), interleaved
// in short slices with the route floor (the purchase route refusing at once without a session). One bare `next start` is the baseline.
// Prints purchases/s, conflicts per sale and p99 per row, and where the CPU went in the buckets-on
// slices (client, app instances, nginx, Redis, the whole machine, in cores); each instance count
// runs once per nginx worker setting given; --direct adds the same instances hit directly, the
// load split between them (no nginx). With --write, docs/performance-scale.*.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { coresBetween, cpuSample } from './lib/cpu-share.mjs';
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
    instances: { type: 'string', default: '1,2,4' },
    buyers: { type: 'string', default: '64' },
    slice: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    buckets: { type: 'string', default: '8' },
    'nginx-workers': { type: 'string', default: 'auto' },
    direct: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
});
const COUNTS = args.instances.split(',').map(Number);
const BUYERS = Number(args.buyers);
const SLICE_S = Number(args.slice);
const ROUNDS = Number(args.rounds);
const BUCKETS = Number(args.buckets);
const WORKERS = args['nginx-workers'].split(',');
const STOCK = 1_000_000;
// Each buyer keeps one session for the whole run: the per-shopper limit must not be what stops it.
const LIMIT = 1000;

ensureDependencies();
if (!(await ensureBuild())) fail('next build failed.');
const nginx = findNginx();
if (!nginx.binary) fail(`${nginx.reason}; the scaling benchmark needs nginx.`);

step('starting a Redis of its own (AOF everysec, like npm start)');
const redis = await startScratchRedis('scale', { persistent: true });
const password = randomBytes(12).toString('base64url');
const cannon = fork(join(root, 'scripts', 'lib', 'cannon-worker.mjs'), {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const stopping = [];
const shutdown = async () => {
  cannon.kill();
  for (const stop of stopping.splice(0).reverse()) await stop();
  await redis.stop();
};
onShutdown(shutdown);

function slice(options) {
  return new Promise((resolve, reject) => {
    cannon.once('message', (m) => (m.ok ? resolve(m) : reject(new Error(m.error))));
    cannon.send({ durationS: SLICE_S, ...options });
  });
}

/** `count` bare instances on one prefix, hit directly (no nginx); `urls` lists them. */
async function bareInstances(count, env) {
  const ports = [];
  for (let i = 0; i < count; i++) ports.push(await freePort());
  const children = ports.map((port) =>
    startNext({ port, host: '127.0.0.1', env, stdio: 'ignore' }),
  );
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const healthy = async (url) =>
    (await fetch(`${url}/api/health`).catch(() => undefined))?.ok === true;
  const up = await waitFor(async () => (await Promise.all(urls.map(healthy))).every(Boolean), {
    timeoutMs: 60_000,
  });
  if (!up) fail('the bare instances did not start');
  const stop = () => Promise.all(children.map((child) => stopChild(child, 'SIGTERM', 3000)));
  return { url: urls[0], urls: count > 1 ? urls : undefined, stop };
}

/**
 * A serving to measure: one bare instance (`count` 0), `count` bare instances hit directly
 * (`direct`), or nginx in front of `count` instances.
 */
async function serve(count, workers, direct = false) {
  const prefix = `scale-${randomBytes(3).toString('hex')}:`;
  const env = loadTestEnv({ redisUrl: redis.url, prefix, password });
  const port = await freePort();
  if (count === 0 || direct) return bareInstances(Math.max(1, count), env);
  const front = await startFront({
    port,
    host: '127.0.0.1',
    count,
    env: { ...env, TRUST_PROXY: 'loopback' },
    nginx: nginx.binary,
    name: `nginx-scale-${port}`,
    stdio: 'ignore',
    workers,
  });
  return { url: front.url, stop: () => front.stop() };
}

/** Products, sessions and an admin client on `url`, through the public API only. */
async function setUp(url) {
  const origin = { origin: url, 'content-type': 'application/json' };
  const login = await fetch(`${url}/api/admin/login`, {
    method: 'POST',
    headers: origin,
    body: JSON.stringify({ password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) fail('admin login failed');
  const admin = (path, method = 'GET', body) =>
    fetch(`${url}${path}`, {
      method,
      headers: { ...origin, cookie },
      body: body && JSON.stringify(body),
    }).then((r) => r.json());
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  // `hot-off` is made without `buckets`, as a shop that never heard of them makes it: the
  // server's default (one bucket per live instance). `hot-on` has BUCKETS set by hand.
  for (const [sku, buckets] of [
    ['hot-off', undefined],
    ['hot-on', BUCKETS],
  ]) {
    const body = { name: sku, priceCents: 100, stock: STOCK, limitPerShopper: LIMIT, startsAt };
    await admin(`/api/admin/products/${sku}`, 'PUT', { ...body, ...(buckets ? { buckets } : {}) });
  }
  const cookies = [];
  for (let i = 0; i < BUYERS; i++) {
    const res = await fetch(`${url}/api/session`, { method: 'POST', headers: origin });
    cookies.push(res.headers.get('set-cookie').split(';')[0]);
  }
  return { admin, cookies };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Rounds of floor / default buckets / buckets on slices against one serving. */
async function measure(label, count, workers, direct = false) {
  step(`${label}: starting`);
  const serving = await serve(count, workers, direct);
  stopping.push(serving.stop);
  const { url, urls } = serving;
  const { admin, cookies } = await setUp(url);
  const buying = (sku, withCookies) =>
    slice({
      url,
      method: 'POST',
      path: `/api/products/${sku}/purchase`,
      body: '{"quantity":1}',
      origin: url,
      cookies: withCookies ? cookies : undefined,
      connections: BUYERS,
      urls,
    });
  // Warm every instance (connections, JIT) on both products first.
  await buying('hot-on', true);
  await buying('hot-off', true);
  const floor = [];
  const sales = { off: [], on: [] };
  const cpu = [];
  for (let r = 0; r < ROUNDS; r++) {
    process.stdout.write(`  ${label}: round ${r + 1}/${ROUNDS}\r`);
    floor.push((await buying('hot-off', false)).requests);
    for (const [mode, sku] of [
      ['off', 'hot-off'],
      ['on', 'hot-on'],
    ]) {
      const before = {
        product: await admin(`/api/products/${sku}`),
        stats: await admin('/api/stats'),
      };
      const cpuBefore = cpuSample(cannon.pid);
      const result = await buying(sku, true);
      if (mode === 'on') cpu.push(coresBetween(cpuBefore, cpuSample(cannon.pid)));
      const after = {
        product: await admin(`/api/products/${sku}`),
        stats: await admin('/api/stats'),
      };
      sales[mode].push({
        ok: result.statusCodes['200'] ?? 0,
        sold: after.product.sold - before.product.sold,
        conflicts: after.stats.conflicts - before.stats.conflicts,
        durationS: result.durationS,
        p99: result.latency.p99,
      });
    }
  }
  const audit = await admin('/api/admin/audit');
  stopping.pop();
  await serving.stop();
  const sum = (xs, key) => xs.reduce((n, x) => n + x[key], 0);
  const summary = (xs) => ({
    purchasedPerS: sum(xs, 'ok') / sum(xs, 'durationS'),
    conflictsPerSale: sum(xs, 'sold') ? sum(xs, 'conflicts') / sum(xs, 'sold') : 0,
    p99: Math.max(...xs.map((x) => x.p99)),
  });
  return {
    label,
    instances: Math.max(1, count),
    front: count > 0,
    floorPerS: median(floor) / SLICE_S,
    off: summary(sales.off),
    on: summary(sales.on),
    cpuOn: Object.fromEntries(
      Object.keys(cpu[0]).map((role) => [role, median(cpu.map((c) => c[role]))]),
    ),
    auditOk: audit.ok,
  };
}

const rows = [await measure('one bare instance', 0)];
for (const n of COUNTS) {
  for (const w of WORKERS) {
    const label = `nginx(${w}) + ${n} instance${n > 1 ? 's' : ''}`;
    rows.push(await measure(label, n, w));
  }
  if (args.direct && n > 1) rows.push(await measure(`${n} instances, direct`, n, undefined, true));
}
await shutdown();

const f0 = (n) => Math.round(n).toLocaleString('en-US');
const f2 = (n) => n.toFixed(2);
const bare = rows[0];
console.log(
  `\n${BUYERS} buyers, one hot product, ${ROUNDS} rounds of ${SLICE_S} s slices; buckets on = ${BUCKETS}`,
);
console.log(
  'serving                      floor/s   default buckets: bought/s  conflicts/sale  p99   |  buckets on: bought/s  conflicts/sale  p99',
);
for (const r of rows) {
  console.log(
    `${r.label.padEnd(27)} ${f0(r.floorPerS).padStart(7)}   ${f0(r.off.purchasedPerS).padStart(23)}  ${f2(r.off.conflictsPerSale).padStart(14)}  ${String(r.off.p99).padStart(4)}  |  ${f0(r.on.purchasedPerS).padStart(18)}  ${f2(r.on.conflictsPerSale).padStart(14)}  ${String(r.on.p99).padStart(4)}   ${r.auditOk ? 'audit ok' : 'AUDIT FAILED'}`,
  );
  const c = r.cpuOn;
  console.log(
    `${''.padEnd(27)} cores, buckets on: client ${f2(c.client)}  app ${f2(c.app)}  nginx ${f2(c.nginx)}  redis ${f2(c.redis)}  machine ${f2(c.machine)}`,
  );
}
const check = (label, ok) => console.log(`  ${ok ? '✓' : '✗'} ${label}`);
// The first nginx worker setting given is the one the targets judge.
const front = (n) => rows.find((r) => r.front && r.instances === n);
console.log('\ntargets:');
if (front(2)) {
  const r = front(2);
  check(
    `2 instances, buckets on: ≤ 0.05 conflicts per sale (${f2(r.on.conflictsPerSale)})`,
    r.on.conflictsPerSale <= 0.05,
  );
  check(
    `2 instances, a product made without buckets: ≤ 0.05 conflicts per sale (${f2(r.off.conflictsPerSale)})`,
    r.off.conflictsPerSale <= 0.05,
  );
  check(
    `2 instances, buckets on: purchases/s ≥ 1.25× one bare instance (${f2(r.on.purchasedPerS / bare.off.purchasedPerS)})`,
    r.on.purchasedPerS >= 1.25 * bare.off.purchasedPerS,
  );
}
if (front(4))
  check(
    `4 instances, buckets on: ≤ 0.05 conflicts per sale (${f2(front(4).on.conflictsPerSale)})`,
    front(4).on.conflictsPerSale <= 0.05,
  );
check(
  'audit ok everywhere',
  rows.every((r) => r.auditOk),
);

const report = {
  at: new Date().toISOString(),
  buyers: BUYERS,
  sliceS: SLICE_S,
  rounds: ROUNDS,
  buckets: BUCKETS,
  rows,
};
const outDir = join(root, 'bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `scale-${Date.now()}.json`), `${JSON.stringify(report, null, 2)}\n`);
if (args.write) {
  writeFileSync(
    join(root, 'docs', 'performance-scale.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  const points = rows
    .filter((r) => r.front)
    .map((r) => ({
      x: r.instances,
      on: r.on.purchasedPerS,
      off: r.off.purchasedPerS,
      conflicts: r.off.conflictsPerSale,
    }));
  const svg = dualAxisChart({
    title: 'Purchases per second by instance count, stock in one bucket and in several',
    xLabel: 'app instances behind nginx (one Redis, one hot product, 64 buyers)',
    left: {
      label: 'purchased answers / s',
      series: [
        { key: 'on', label: `buckets on (${BUCKETS})`, color: '#4f46e5' },
        { key: 'off', label: 'default buckets (one per instance)', color: '#f59e0b' },
      ],
    },
    right: { key: 'conflicts', label: 'conflicts per sale (default buckets)', color: '#dc2626' },
    points,
  });
  writeFileSync(join(root, 'docs', 'performance-scale.svg'), svg);
  console.log('written: docs/performance-scale.json, docs/performance-scale.svg');
}
process.exit(rows.every((r) => r.auditOk) ? 0 : 1);
