// `npm run bench -- --queue [--sizes 2000,4000,8000,10000] [--seconds 8] [--buyers 64] [--rate 20]`
// The waiting room under a crowd, through the default `npm start` serving (nginx in front of one
// `next start` per core): N waiting shoppers, each holding a ticket, poll the queue's public status
// as the waiting page does (1 s after each answer, If-None-Match, one keep-alive connection each)
// while 64 admitted buyers purchase. Per N it reports the p99 of one refresh, the p99 age of the
// position a page shows (now − the status's `at`), admissions/s against the configured rate, Redis
// read commands/s (INFO commandstats delta) and purchases/s. Results in bench-results/queue-*.json.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findNginx, startFront, stopChild } from './lib/front.mjs';
import {
  ensureBuild,
  ensureDependencies,
  fail,
  freePort,
  loadTestEnv,
  onShutdown,
  root,
  startScratchRedis,
  step,
  waitFor,
} from './lib/stack.mjs';

const { values: args } = parseArgs({
  options: {
    queue: { type: 'boolean', default: true },
    sizes: { type: 'string', default: '2000,4000,8000,10000' },
    seconds: { type: 'string', default: '8' },
    buyers: { type: 'string', default: '64' },
    workers: { type: 'string', default: '2' },
    rate: { type: 'string', default: '20' },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const MEASURE_MS = Number(args.seconds) * 1000;
const BUYERS = Number(args.buyers);
const WORKERS = Number(args.workers);
const RATE = Number(args.rate);
const POLL_MS = 1000;
const RAMP_MS = 3000;
const SKU = 'queue-hot';
// Buyer sessions admitted before the crowd joins: 64 at a time buy from them, each up to its limit.
const BUYER_SESSIONS = 512;

ensureDependencies();
if (!(await ensureBuild())) fail('next build failed.');
const nginx = findNginx();
if (!nginx.binary) fail(`${nginx.reason}; the waiting-room benchmark needs nginx.`);

step('starting a Redis of its own (AOF everysec, like npm start)');
const redis = await startScratchRedis('queue-bench', { persistent: true });
const prefix = `queue-${randomBytes(3).toString('hex')}:`;
const password = randomBytes(12).toString('base64url');
const env = loadTestEnv({ redisUrl: redis.url, prefix, password });
const stopping = [];
const shutdown = async () => {
  const [stopRedis, ...rest] = stopping.splice(0);
  await Promise.all(rest.map((stop) => stop()));
  await stopRedis?.();
};
onShutdown(shutdown);
stopping.push(() => redis.stop());

const port = await freePort();
const instances = availableParallelism();
step(`starting npm start's serving: nginx + ${instances} instances`);
const front = await startFront({
  port,
  host: '127.0.0.1',
  count: instances,
  env: { ...env, TRUST_PROXY: 'loopback' },
  nginx: nginx.binary,
  name: `nginx-queue-${port}`,
  stdio: 'ignore',
});
stopping.push(() => front.stop());
const F = `http://127.0.0.1:${port}`;
// State changes carry the site's own Origin, as a browser on the site sends them (CSRF rule).
const ORIGIN = { origin: F };

// --- set-up through the public API ---
const login = await fetch(`${F}/api/admin/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...ORIGIN },
  body: JSON.stringify({ password }),
});
const adminCookie = login.headers.get('set-cookie')?.split(';')[0];
if (!adminCookie) fail('admin login failed');
async function admin(path, method = 'GET', body) {
  const res = await fetch(`${F}${path}`, {
    method,
    headers: { cookie: adminCookie, 'content-type': 'application/json', ...ORIGIN },
    body: body && JSON.stringify(body),
  });
  if (!res.ok) fail(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
await admin(`/api/admin/products/${SKU}`, 'PUT', {
  name: 'Queue Hot',
  priceCents: 100,
  stock: 1_000_000,
  limitPerShopper: 1000,
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  buckets: instances,
});
await admin(`/api/admin/products/${SKU}/queue`, 'PUT', {
  enabled: true,
  ratePerSecond: 200,
  admitWindowSeconds: 3600,
});

/** A new shopper session that joined the queue: its cookie and ticket. */
async function joiner() {
  for (;;) {
    const s = await fetch(`${F}/api/session`, { method: 'POST', headers: ORIGIN });
    const cookie = s.headers.get('set-cookie')?.split(';')[0];
    const j = cookie
      ? await fetch(`${F}/api/products/${SKU}/queue/join`, {
          method: 'POST',
          headers: { cookie, ...ORIGIN, 'content-type': 'application/json' },
          body: '{}',
        })
      : undefined;
    if (j?.ok) return { cookie, ticket: (await j.json()).ticket };
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function joinMany(n, parallel) {
  const out = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        next++;
        out.push(await joiner());
      }
    }),
  );
  return out;
}
const status = () => fetch(`${F}/api/products/${SKU}/queue`).then((r) => r.json());

step(`${BUYER_SESSIONS} buyer sessions join first and are admitted`);
const buyerSessions = await joinMany(BUYER_SESSIONS, 32);
if (
  !(await waitFor(async () => (await status()).admitted >= BUYER_SESSIONS, { timeoutMs: 60_000 }))
)
  fail('the buyers were not admitted');
await admin(`/api/admin/products/${SKU}/queue`, 'PUT', { enabled: true, ratePerSecond: RATE });
const crowdSize = Math.max(...SIZES);
step(`${crowdSize} waiting shoppers take a ticket each (admission now ${RATE}/s)`);
const joinStarted = Date.now();
await joinMany(crowdSize, 64);
const joinSeconds = (Date.now() - joinStarted) / 1000;
console.log(
  `  ${crowdSize} joins in ${joinSeconds.toFixed(1)} s (${(crowdSize / joinSeconds).toFixed(0)}/s)`,
);

// --- Redis command counters (INFO commandstats) ---
function redisInfo() {
  const redisPort = Number(new URL(redis.url).port);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port: redisPort, host: '127.0.0.1' });
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
const READS = [
  'get',
  'mget',
  'hget',
  'hmget',
  'hgetall',
  'hexists',
  'llen',
  'lrange',
  'smembers',
  'exists',
];
const readsPerS = (before, after, seconds) =>
  READS.reduce((n, c) => n + (after[c] ?? 0) - (before[c] ?? 0), 0) / seconds;

// --- admitted buyers ---
function startBuyers() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: BUYERS });
  const state = { running: true, measuring: false, ok: 0, notAdmitted: 0, other: 0 };
  let next = 0;
  const buy = () =>
    new Promise((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/products/${SKU}/purchase`,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            cookie: buyerSessions[next++ % buyerSessions.length].cookie,
            ...ORIGIN,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (state.measuring) {
              if (res.statusCode === 200) state.ok++;
              else if (res.statusCode === 403) state.notAdmitted++;
              else state.other++;
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
const workers = Array.from({ length: WORKERS }, () =>
  spawn(
    'sh',
    [
      '-c',
      'ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"',
      process.execPath,
      join(root, 'scripts', 'lib', 'queue-worker.mjs'),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  ),
);
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

async function phase(n) {
  const buyers = startBuyers();
  if (n > 0)
    await all(
      {
        type: 'open',
        host: '127.0.0.1',
        port,
        path: `/api/products/${SKU}/queue`,
        pollMs: POLL_MS,
        rampMs: POLL_MS,
        count: Math.ceil(n / WORKERS),
      },
      'opened',
    );
  await sleep(RAMP_MS);
  const s0 = await status();
  const before = await redisInfo();
  if (n > 0) await all({ type: 'measure' }, 'measuring');
  const from = Date.now();
  buyers.state.measuring = true;
  await sleep(MEASURE_MS);
  buyers.state.measuring = false;
  const seconds = (Date.now() - from) / 1000;
  const after = await redisInfo();
  const reports = n > 0 ? await all({ type: 'report' }, 'report') : [];
  const s1 = await status();
  if (n > 0) await all({ type: 'close' }, 'closed');
  await buyers.stop();
  const refreshes = reports.reduce((s, r) => s + r.refreshes, 0);
  const latency = n > 0 ? sumHist(reports.map((r) => r.latency)) : [0];
  const stale = n > 0 ? sumHist(reports.map((r) => r.stale)) : [0];
  const row = {
    n,
    tickets: s1.tickets,
    refreshesPerS: refreshes / seconds,
    fresh: n > 0 ? refreshes / seconds / n : 0,
    p50RefreshMs: percentile(latency, 0.5),
    p99RefreshMs: percentile(latency, 0.99),
    p99PositionAgeMs: percentile(stale, 0.99),
    notModifiedShare: reports.reduce((s, r) => s + r.notModified, 0) / Math.max(1, refreshes),
    failed: reports.reduce((s, r) => s + r.failed, 0),
    connectionErrors: reports.reduce((s, r) => s + r.errors, 0),
    admissionsPerS: (s1.admitted - s0.admitted) / ((Date.parse(s1.at) - Date.parse(s0.at)) / 1000),
    rate: s1.ratePerSecond,
    state: s1.state,
    redisReadsPerS: readsPerS(before, after, seconds),
    // LLEN is sent only by a load of the waiting room's view (status or purchase gate, 4 reads).
    viewLoadsPerS: ((after.llen ?? 0) - (before.llen ?? 0)) / seconds,
    purchasesPerS: buyers.state.ok / seconds,
    notAdmitted: buyers.state.notAdmitted,
    otherAnswers: buyers.state.other,
  };
  await sleep(1000);
  return row;
}

const f0 = (x) => Math.round(x).toLocaleString('en-US');
process.stdout.write('  warming up… ');
await phase(500);
console.log('done');
const rows = [];
for (const n of [0, ...SIZES]) {
  process.stdout.write(`  ${n} waiting shoppers… `);
  const r = await phase(n);
  rows.push(r);
  console.log(
    `${f0(r.viewLoadsPerS)} view loads/s, ${(r.redisReadsPerS / Math.max(1, r.purchasesPerS)).toFixed(1)} reads/purchase, ${f0(r.refreshesPerS)} refreshes/s (${r.fresh.toFixed(2)}×N), p50/p99 ${r.p50RefreshMs}/${r.p99RefreshMs} ms, position age p99 ${r.p99PositionAgeMs} ms, admissions ${r.admissionsPerS.toFixed(2)}/s (rate ${r.rate}), ${f0(r.redisReadsPerS)} Redis reads/s, ${f0(r.purchasesPerS)} purchases/s (403 ${r.notAdmitted}, other ${r.otherAnswers}), 304 ${(r.notModifiedShare * 100).toFixed(0)} %, errors ${r.failed}/${r.connectionErrors}`,
  );
}
const audit = await admin('/api/admin/audit');
await shutdown();

const crowd = rows.filter((r) => r.n > 0);
const check = (label, ok) => console.log(`  ${ok ? '✓' : '✗'} ${label}`);
const isFresh = (r) => r.fresh >= 0.95 && r.p99RefreshMs < 1000 && r.p99PositionAgeMs <= 2000;
console.log('\ntargets:');
for (const r of rows.filter((x) => x.n >= 8000))
  check(
    `${f0(r.n)} waiting shoppers fresh through npm start (${r.fresh.toFixed(2)}×N, p99 ${r.p99RefreshMs} ms, position age p99 ${r.p99PositionAgeMs} ms)`,
    isFresh(r),
  );
for (const r of crowd)
  check(
    `admissions ${r.admissionsPerS.toFixed(2)}/s within 5 % of ${r.rate}/s at ${f0(r.n)}`,
    Math.abs(r.admissionsPerS / r.rate - 1) <= 0.05,
  );
const small = crowd[0];
const large = crowd[crowd.length - 1];
const perPurchase = (r) => r.redisReadsPerS / Math.max(1, r.purchasesPerS);
if (small && large && large !== small)
  check(
    `Redis reads do not grow with the queue: ${perPurchase(large).toFixed(1)} reads per purchase at ${f0(large.n)} vs ${perPurchase(small).toFixed(1)} at ${f0(small.n)} and ${perPurchase(rows[0]).toFixed(1)} with buyers only; ${f0(large.viewLoadsPerS)} vs ${f0(small.viewLoadsPerS)} view loads/s`,
    perPurchase(large) <= 1.25 * perPurchase(small),
  );
check(
  'no purchase refused as not admitted',
  rows.every((r) => r.notAdmitted === 0),
);
check('audit ok', audit.ok);

const report = {
  at: new Date().toISOString(),
  instances,
  measureS: MEASURE_MS / 1000,
  buyers: BUYERS,
  rate: RATE,
  joins: { count: crowdSize, seconds: joinSeconds },
  rows,
  audit: { ok: audit.ok },
};
mkdirSync(join(root, 'bench-results'), { recursive: true });
const file = join(root, 'bench-results', `queue-${Date.now()}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nresults: ${file}`);
process.exit(0);
