// `npm run bench [-- --concurrency 64 | --sweep] [--slice 2] [--rounds 3]` (`-- --crowd`,
// `-- --instances` and `-- --queue` run benchmarks of their own)
// Builds and starts the app in production mode on a Redis of its own (AOF, as `npm start`), then
// drives the purchase route with autocannon from another process. Baselines (GET /api/health, and
// the purchase route refusing at once without a session: the "route floor") are measured in the
// same run, interleaved in short slices with the purchase phases so machine noise hits all alike.
if (process.argv.includes('--crowd')) {
  // The crowd benchmark is a script of its own; it exits when done.
  await import('./crowd.mjs');
}
if (process.argv.includes('--queue')) {
  // So is the waiting room's (a crowd polling a queue while admitted buyers purchase).
  await import('./queue-bench.mjs');
}
if (process.argv.includes('--instances')) {
  // So is the scaling benchmark (instance counts, buckets on and off).
  await import('./scale.mjs');
}
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchVerdict, judgeTargets } from './lib/bench-targets.mjs';
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
    concurrency: { type: 'string', default: '64' },
    sweep: { type: 'boolean', default: false },
    slice: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    stock: { type: 'string', default: '10000' },
  },
});
const concurrencies = args.sweep ? [1, 8, 64, 256] : [Number(args.concurrency)];
const sliceS = Number(args.slice);
const rounds = Number(args.rounds);
const STOCK = Number(args.stock);

ensureDependencies();
if (!(await ensureBuild())) fail('next build failed.');

const prefix = `bench-${randomBytes(3).toString('hex')}:`;
step('starting a Redis of its own (AOF everysec, like npm start)');
const redis = await startScratchRedis('bench', { persistent: true });
const password = randomBytes(12).toString('base64url');
const baseEnv = loadTestEnv({ redisUrl: redis.url, prefix, password });
const servers = {};
for (const mode of ['coalesce', 'plain']) {
  const port = await freePort();
  servers[mode] = {
    url: `http://127.0.0.1:${port}`,
    child: startNext({ port, env: { ...baseEnv, PURCHASE_MODE: mode }, stdio: 'ignore' }),
  };
}
const cannon = fork(join(root, 'scripts', 'lib', 'cannon-worker.mjs'), {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const shutdown = async () => {
  cannon.kill();
  await Promise.all(
    Object.values(servers).map(
      ({ child }) =>
        new Promise((r) =>
          child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')),
        ),
    ),
  );
  await redis.stop();
};
onShutdown(shutdown);

const A = servers.coalesce.url;
for (const { url } of Object.values(servers)) {
  if (
    !(await waitFor(
      async () => (await fetch(`${url}/api/health`).catch(() => undefined))?.ok === true,
      { timeoutMs: 30_000 },
    ))
  )
    fail(`the app did not start at ${url}`);
}

// --- set-up through the public API only ---
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
    headers: { cookie: adminCookie, origin: A, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  }).then((r) => r.json());
const startsAt = new Date(Date.now() - 60_000).toISOString();
const SKU = { coalesce: 'bench-hot', plain: 'bench-hot-plain', soldOut: 'bench-gone' };
for (const sku of Object.values(SKU)) {
  await admin(`/api/admin/products/${sku}`, 'PUT', {
    name: sku,
    priceCents: 100,
    stock: sku === SKU.soldOut ? 0 : STOCK,
    limitPerShopper: 1000,
    startsAt,
  });
}
const maxC = Math.max(...concurrencies);
const cookies = [];
for (let i = 0; i < Math.max(64, maxC); i++) {
  const res = await fetch(`${A}/api/session`, { method: 'POST' });
  cookies.push(res.headers.get('set-cookie').split(';')[0]);
}
const product = (sku) => fetch(`${A}/api/products/${sku}`).then((r) => r.json());
const stats = () => fetch(`${A}/api/stats`).then((r) => r.json());
async function topUp(sku) {
  const { stock } = await product(sku);
  if (stock < STOCK)
    await admin(`/api/admin/products/${sku}/restock`, 'POST', { add: STOCK - stock });
}

function slice(options) {
  return new Promise((resolve, reject) => {
    cannon.once('message', (m) => (m.ok ? resolve(m) : reject(new Error(m.error))));
    cannon.send({ durationS: sliceS, ...options });
  });
}

// --- phases ---
/** A slice of purchases of `sku` on `url`; without cookies it is the route floor (401 at once). */
const buying =
  (url, sku, withCookies = true) =>
  (c) =>
    slice({
      url,
      method: 'POST',
      path: `/api/products/${sku}/purchase`,
      body: '{"quantity":1}',
      cookies: withCookies ? cookies : undefined,
      connections: c,
    });
const phases = [
  {
    name: 'health',
    run: (c) => slice({ url: A, method: 'GET', path: '/api/health', connections: c }),
  },
  { name: 'floor', run: buying(A, SKU.coalesce, false) },
  { name: 'coalesce', sku: SKU.coalesce, run: buying(A, SKU.coalesce) },
  { name: 'plain', sku: SKU.plain, run: buying(servers.plain.url, SKU.plain) },
  { name: 'soldOut', run: buying(A, SKU.soldOut) },
];

const totalSlices = concurrencies.length * rounds * phases.length + concurrencies.length;
let doneSlices = 0;
function progress(label) {
  const width = 30;
  const filled = Math.round((doneSlices / totalSlices) * width);
  process.stdout.write(
    `\r  [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round((doneSlices / totalSlices) * 100)).padStart(3)}%  ${label.padEnd(28)}`,
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
function combine(slices) {
  const requests = slices.reduce((n, s) => n + s.requests, 0);
  const durationS = slices.reduce((n, s) => n + s.durationS, 0);
  const statusCodes = {};
  for (const s of slices)
    for (const [code, n] of Object.entries(s.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + n;
  return {
    requestsPerS: requests / durationS,
    okPerS: (statusCodes['200'] ?? 0) / durationS,
    statusCodes,
    errors: slices.reduce((n, s) => n + s.errors, 0),
    latencyMs: {
      p50: median(slices.map((s) => s.latency.p50)),
      p99: Math.max(...slices.map((s) => s.latency.p99)),
      p999: Math.max(...slices.map((s) => s.latency.p999)),
    },
  };
}

const results = [];
for (const c of concurrencies) {
  progress(`warm-up c=${c}`);
  await buying(A, SKU.soldOut)(c);
  doneSlices++;
  const perPhase = Object.fromEntries(phases.map((p) => [p.name, []]));
  const sales = {
    coalesce: { sold: 0, ok: 0, conflicts: 0 },
    plain: { sold: 0, ok: 0, conflicts: 0 },
  };
  for (let r = 0; r < rounds; r++) {
    for (const phase of phases) {
      progress(`${phase.name} c=${c} round ${r + 1}/${rounds}`);
      if (phase.sku) await topUp(phase.sku);
      const before = phase.sku && { product: await product(phase.sku), stats: await stats() };
      const result = await phase.run(c);
      perPhase[phase.name].push(result);
      if (before) {
        const after = { product: await product(phase.sku), stats: await stats() };
        sales[phase.name].sold += after.product.sold - before.product.sold;
        sales[phase.name].ok += result.statusCodes['200'] ?? 0;
        sales[phase.name].conflicts += after.stats.conflicts - before.stats.conflicts;
      }
      doneSlices++;
    }
  }
  const row = {
    concurrency: c,
    ...Object.fromEntries(phases.map((p) => [p.name, combine(perPhase[p.name])])),
  };
  for (const mode of ['coalesce', 'plain']) {
    const s = sales[mode];
    row[mode].conflictsPerSale = s.sold ? s.conflicts / s.sold : 0;
    row[mode].unitsSold = s.sold;
    // A 200 without a sold unit would be a lost order. Units sold beyond the 200s counted are the
    // requests still in flight when a slice ended (autocannon stops counting then).
    row[mode].lost = Math.max(0, s.ok - s.sold);
    row[mode].inFlightAtSliceEnd = Math.max(0, s.sold - s.ok);
  }
  results.push(row);
}
progress('audit');
const audit = await admin('/api/admin/audit');
const oversold = audit.products.reduce(
  (n, p) =>
    n +
    Math.max(0, p.sold - p.orderUnits) +
    Math.max(0, -p.stock) +
    Math.max(0, p.stock + p.sold - p.totalStock),
  0,
);
process.stdout.write('\n\n');
await shutdown();

// --- report ---
const f0 = (n) => Math.round(n).toLocaleString('en-US');
const f2 = (n) => n.toFixed(2);
const statuses = (codes) =>
  Object.entries(codes)
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');
for (const row of results) {
  const { concurrency: c, health, floor, coalesce, plain, soldOut } = row;
  console.log(`concurrency ${c} — ${rounds} rounds of ${sliceS} s slices, interleaved`);
  console.log(`  health route          ${f0(health.requestsPerS)} req/s`);
  console.log(`  route floor (401)     ${f0(floor.requestsPerS)} req/s`);
  for (const [label, m] of [
    ['default (coalesce)', coalesce],
    ['plain', plain],
  ]) {
    console.log(
      `  ${label.padEnd(20)}  purchased ${f0(m.okPerS)}/s, ${f0(m.requestsPerS)} req/s, p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms, p99.9 ${m.latencyMs.p999} ms`,
    );
    console.log(
      `  ${''.padEnd(20)}  conflicts/sale ${f2(m.conflictsPerSale)}, sold ${m.unitsSold}, lost ${m.lost} (${m.inFlightAtSliceEnd} in flight at slice ends), statuses ${statuses(m.statusCodes)}, errors ${m.errors}`,
    );
    console.log(
      `  ${''.padEnd(20)}  ${f2(m.okPerS / floor.requestsPerS)}× the route floor, ${f2(m.okPerS / health.requestsPerS)}× the health route`,
    );
  }
  console.log(
    `  sold-out phase        ${f0(soldOut.requestsPerS)} answers/s (${f2(soldOut.requestsPerS / floor.requestsPerS)}× the floor), p99 ${soldOut.latencyMs.p99} ms`,
  );
  console.log('');
}
console.log(`audit: ${audit.ok ? 'ok' : 'FAILED'}, oversold ${oversold}`);

const judged = { auditOk: audit.ok, oversold };
const groups = judgeTargets(results, judged);
for (const { heading, targets } of groups) {
  console.log(`\n${heading}:`);
  for (const { label, ok } of targets) console.log(`  ${ok ? '✓' : '✗'} ${label}`);
}
const verdict = benchVerdict(groups, judged);

const outDir = join(root, 'bench-results');
mkdirSync(outDir, { recursive: true });
const report = {
  at: new Date().toISOString(),
  sliceS,
  rounds,
  stock: STOCK,
  results,
  audit: { ok: audit.ok, oversold },
};
const file = join(outDir, `bench-${Date.now()}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nresults: ${file}`);
if (args.sweep) {
  writeFileSync(
    join(root, 'docs', 'performance-sweep.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  const svg = dualAxisChart({
    title: 'Purchases per second and conflicts per sale, by concurrent buyers',
    xLabel: 'concurrent buyers (one product, one instance)',
    left: {
      label: 'purchased answers / s',
      series: [
        { key: 'coalesce', label: 'default (coalesce)', color: '#4f46e5' },
        { key: 'plain', label: 'plain', color: '#f59e0b' },
      ],
    },
    right: { key: 'plainConflicts', label: 'conflicts per sale (plain)', color: '#dc2626' },
    points: results.map((r) => ({
      x: r.concurrency,
      coalesce: r.coalesce.okPerS,
      plain: r.plain.okPerS,
      plainConflicts: r.plain.conflictsPerSale,
    })),
  });
  writeFileSync(join(root, 'docs', 'performance-sweep.svg'), svg);
  console.log('sweep: docs/performance-sweep.json, docs/performance-sweep.svg');
}
if (verdict.missed.length) {
  console.log(`\n✗ ${verdict.missed.length} target(s) missed: the run fails (exit 1).`);
}
process.exit(verdict.exitCode);
