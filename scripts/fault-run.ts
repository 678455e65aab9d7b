// `npm run fault-run [-- --seconds 8 --buyers 32 --stock 50000 --drop 0.05 --down 3 --mode coalesce|plain
//   --hold-buyers 16 --hold-seconds 2]`
// Drives purchases with Idempotency-Keys through a real `next start` while cutting its Redis
// connections three ways, one phase each: CLIENT KILL of transaction connections, a TCP proxy that
// loses 5 % of EXEC replies, and `kill -9` of redis-server restarted on its AOF. Alongside, hold
// shoppers place holds on a product held at checkout for a couple of seconds and Place order,
// Cancel or let them expire (scripts/lib/fault-holds.ts), so confirmations and expiries run through
// every fault too. Then it retries every request that got no outcome (by its key) until each has
// one, waits for the last holds to expire, and counts what the store holds against what the
// shoppers were told: lost, doubled, oversold, stuck holds, and the audit. Exit code 1 if any.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { keysFor } from '../lib/redis/keys';
import {
  ensureBuild,
  fail,
  freePort,
  loadTestEnv,
  root,
  startNext,
  step,
  waitFor,
  // @ts-expect-error -- plain ESM helper shared with the set-up scripts, no type declarations
} from './lib/stack.mjs';
import { startFaultProxy } from './lib/fault-proxy';
import { startHoldShoppers } from './lib/fault-holds';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    buyers: { type: 'string', default: '32' },
    stock: { type: 'string', default: '50000' },
    drop: { type: 'string', default: '0.05' },
    down: { type: 'string', default: '3' },
    mode: { type: 'string', default: 'coalesce' },
    'hold-buyers': { type: 'string', default: '16' },
    'hold-seconds': { type: 'string', default: '2' },
  },
});
const HOLD_BUYERS = Number(args['hold-buyers']);
const HOLD_SECONDS = Number(args['hold-seconds']);
const HOLD_SKU = 'fault-run-holds';
const PHASE_MS = Number(args.seconds) * 1000;
const BUYERS = Number(args.buyers);
const STOCK = Number(args.stock);
const DROP = Number(args.drop);
/** How long Redis stays dead after kill -9: longer than the app's own waits, so some requests fail. */
const DOWN_MS = Number(args.down) * 1000;
const SKU = 'fault-run';

type Answer = {
  status: number;
  outcome?: string;
  orderId?: string;
  code?: string;
  phase: string;
  ms: number;
};
type Intent = { key: string; buyer: number; answers: Answer[]; final?: Answer };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- Redis with AOF, restartable on the same data ---
const redisPort: number = await freePort();
const redisDir = mkdtempSync(join(tmpdir(), 'stockrush-fault-'));
let redis: ChildProcess | undefined;
async function startRedis() {
  redis = spawn(
    'redis-server',
    [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--dir',
      redisDir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
    ],
    { stdio: 'ignore' },
  );
  const probe = new Redis(redisPort, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  const up = await waitFor(
    async () => {
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        probe.disconnect();
        return false;
      }
    },
    { timeoutMs: 20_000 },
  );
  probe.disconnect();
  if (!up) fail('redis-server did not start');
}

if (!(await ensureBuild())) fail('next build failed.');
step(`starting redis-server (AOF everysec) on ${redisPort}, the fault proxy and next start`);
await startRedis();
const proxy = await startFaultProxy(redisPort);
const prefix = `fault-${randomBytes(3).toString('hex')}:`;
const keys = keysFor(prefix);
const password = randomBytes(12).toString('base64url');
const appPort: number = await freePort();
mkdirSync(join(root, 'bench-results'), { recursive: true });
const appLogFile = join(root, 'bench-results', `fault-run-app-${Date.now()}.log`);
const appLog = openSync(appLogFile, 'w');
const app: ChildProcess = startNext({
  port: appPort,
  // The server's error log (one line per 5xx, with its cause) is kept for the run's reader.
  stdio: ['ignore', 'ignore', appLog],
  env: {
    ...loadTestEnv({ redisUrl: `redis://127.0.0.1:${proxy.port}`, prefix, password }),
    PURCHASE_MODE: args.mode,
  },
});
const A = `http://127.0.0.1:${appPort}`;
const admin = new Redis(redisPort, { maxRetriesPerRequest: null });
admin.on('error', () => {});

async function stopAll() {
  app.kill('SIGTERM');
  await proxy.close();
  admin.disconnect();
  redis?.kill('SIGKILL');
  rmSync(redisDir, { recursive: true, force: true });
}
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('uncaughtException', (error) => {
  console.error(error);
  void stopAll().then(() => process.exit(1));
});

if (
  !(await waitFor(
    async () => (await fetch(`${A}/api/health`).catch(() => undefined))?.ok === true,
    { timeoutMs: 60_000 },
  ))
)
  fail('the app did not start');

// --- set-up through the API ---
const json = { 'content-type': 'application/json', origin: A };
const login = await fetch(`${A}/api/admin/login`, {
  method: 'POST',
  headers: json,
  body: JSON.stringify({ password }),
});
const adminCookie = login.headers.get('set-cookie')?.split(';')[0];
if (!adminCookie) fail(`admin login failed: ${login.status}`);
const put = await fetch(`${A}/api/admin/products/${SKU}`, {
  method: 'PUT',
  headers: { ...json, cookie: adminCookie! },
  body: JSON.stringify({
    name: 'Fault run',
    priceCents: 100,
    stock: STOCK,
    limitPerShopper: 1000,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
  }),
});
if (put.status !== 201) fail(`creating the product failed: ${put.status}`);
const putHolds = await fetch(`${A}/api/admin/products/${HOLD_SKU}`, {
  method: 'PUT',
  headers: { ...json, cookie: adminCookie! },
  body: JSON.stringify({
    name: 'Fault run (held at checkout)',
    priceCents: 100,
    stock: STOCK,
    limitPerShopper: 1000,
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    checkoutMode: 'hold',
    holdSeconds: HOLD_SECONDS,
  }),
});
if (putHolds.status !== 201) fail(`creating the held product failed: ${putHolds.status}`);
async function sessions(n: number): Promise<string[]> {
  const list: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${A}/api/session`, { method: 'POST' });
    list.push(res.headers.get('set-cookie')!.split(';')[0]!);
  }
  return list;
}
const cookies = await sessions(BUYERS);
const holdCookies = await sessions(HOLD_BUYERS);

// --- buyers ---
const intents: Intent[] = [];
/** One send of an intent; network failures and answers without an outcome are "unanswered". */
let phase = 'calm';
/** When each phase began, so the holds' ends can be placed in the phase they happened in. */
const phaseStarts: { name: string; at: number }[] = [{ name: 'calm', at: Date.now() }];
function enter(name: string) {
  phase = name;
  phaseStarts.push({ name, at: Date.now() });
}
const phaseAt = (t: number) => phaseStarts.filter((p) => p.at <= t).at(-1)?.name ?? 'calm';
async function send(intent: Intent): Promise<Answer> {
  let answer: Answer;
  const sentIn = phase;
  const t0 = performance.now();
  try {
    const res = await fetch(`${A}/api/products/${SKU}/purchase`, {
      method: 'POST',
      headers: { ...json, cookie: cookies[intent.buyer]!, 'idempotency-key': intent.key },
      body: '{"quantity":1}',
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as {
      outcome?: string;
      orderId?: string;
      error?: { code?: string };
    };
    answer = {
      status: res.status,
      outcome: body.outcome,
      orderId: body.orderId,
      code: body.error?.code,
      phase: sentIn,
      ms: performance.now() - t0,
    };
  } catch (error) {
    answer = { status: 0, code: (error as Error).name, phase: sentIn, ms: performance.now() - t0 };
  }
  intent.answers.push(answer);
  if (answer.outcome) intent.final = answer;
  return answer;
}

let buying = true;
async function buyer(index: number) {
  while (buying) {
    const intent: Intent = { key: randomBytes(12).toString('hex'), buyer: index, answers: [] };
    intents.push(intent);
    const answer = await send(intent);
    // Sold out or failing: keep asking (the sold-out path is under test too), a little slower.
    if (answer.outcome !== 'purchased') await sleep(20);
  }
}

// --- faults ---
function txConnectionIds(list: string): string[] {
  // The app names its transaction connections `stockrush-tx:<prefix>` (lib/redis/tx-pool.ts).
  return list
    .split('\n')
    .filter((line) => line.includes(`name=stockrush-tx:${prefix} `))
    .map((line) => /id=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
}

const faults = { killedConnections: 0, droppedExecReplies: 0, redisKills: 0, redisDownMs: 0 };
async function clientKillPhase() {
  const until = Date.now() + PHASE_MS;
  let round = 0;
  while (Date.now() < until) {
    const ids = txConnectionIds((await admin.client('LIST')) as string);
    for (const id of ids.filter((_, i) => i % 3 === round % 3))
      faults.killedConnections += Number(await admin.client('KILL', 'ID', id).catch(() => 0));
    round++;
    await sleep(25);
  }
}
async function execDropPhase() {
  proxy.setExecDropRate(DROP);
  await sleep(PHASE_MS);
  proxy.setExecDropRate(0);
  faults.droppedExecReplies = proxy.dropped();
}
async function redisKillPhase() {
  await sleep(PHASE_MS / 4);
  const down = Date.now();
  redis!.kill('SIGKILL');
  faults.redisKills++;
  await new Promise((r) => redis!.once('exit', r));
  await sleep(DOWN_MS);
  await startRedis();
  faults.redisDownMs = Date.now() - down;
  await sleep(PHASE_MS / 2);
}

step(
  `${BUYERS} buyers; phases of ${PHASE_MS / 1000} s: CLIENT KILL, ${DROP * 100} % EXEC replies lost, kill -9 + AOF restart`,
);
const started = Date.now();
const running = Array.from({ length: BUYERS }, (_, i) => buyer(i));
const holds = startHoldShoppers({
  base: A,
  sku: HOLD_SKU,
  cookies: holdCookies,
  holdSeconds: HOLD_SECONDS,
  headers: json,
  phaseAt,
});
await sleep(1000);
enter('client-kill');
await clientKillPhase();
enter('calm');
await sleep(1000);
enter('exec-drop');
await execDropPhase();
enter('calm');
await sleep(1000);
enter('redis-kill');
await redisKillPhase();
enter('calm');
await sleep(1000);
buying = false;
holds.stop();
enter('retry');
await Promise.all([...running, holds.done]);
const loadMs = Date.now() - started;

// --- every request without an outcome is retried by its key until it has one ---
const unanswered = intents.filter((i) => !i.final);
step(
  `${intents.length} requests, ${unanswered.length} without an outcome: retrying each by its key`,
);
for (let round = 0; round < 50 && intents.some((i) => !i.final); round++) {
  await Promise.all(intents.filter((i) => !i.final).map(send));
  if (intents.some((i) => !i.final)) await sleep(200);
}
const unresolved = intents.filter((i) => !i.final).length;
await holds.settle();
step(`waiting for the last holds to expire (${HOLD_SECONDS} s), then counting`);
const holdsReport = await holds.check(admin, keys);
const auditRes = await fetch(`${A}/api/admin/audit`, { headers: { cookie: adminCookie! } });
const auditBody = (await auditRes.json()) as {
  ok: boolean;
  stuckHolds: number;
  products: { sku: string; ok: boolean }[];
};

// --- what the store holds against what the shoppers were told ---
const product = await admin.hgetall(keys.product(SKU));
const orders = await admin.hgetall(keys.orders(SKU));
const orderList = Object.entries(orders).map(([id, raw]) => ({
  id,
  ...(JSON.parse(raw) as { shopper: string; quantity: number }),
}));
const told = intents.filter((i) => i.final?.outcome === 'purchased');
const toldIds = new Set(told.map((i) => i.final!.orderId!));
const lost = [...toldIds].filter((id) => !(id in orders)).length;
// Doubled: one key answered with two orders, or the store holding orders nobody was told of.
const keysWithTwoOrders = intents.filter(
  (i) => new Set(i.answers.filter((a) => a.outcome === 'purchased').map((a) => a.orderId)).size > 1,
).length;
const untold = orderList.filter((o) => !toldIds.has(o.id)).length;
const doubled = keysWithTwoOrders + untold;
const stock = Number(product.stock);
const sold = Number(product.sold);
const total = Number(product.totalStock);
const orderUnits = orderList.reduce((n, o) => n + o.quantity, 0);
const oversold = Math.max(0, sold - total) + (stock < 0 ? -stock : 0) + Math.abs(sold - orderUnits);

/** Per phase: first sends, their answers by status/outcome, and the slowest. */
const byPhase: Record<string, { sends: number; answers: Record<string, number>; maxMs: number }> =
  {};
for (const intent of intents)
  for (const a of intent.answers) {
    const p = (byPhase[a.phase] ??= { sends: 0, answers: {}, maxMs: 0 });
    p.sends++;
    const label = a.outcome ?? `${a.status} ${a.code ?? ''}`.trim();
    p.answers[label] = (p.answers[label] ?? 0) + 1;
    p.maxMs = Math.max(p.maxMs, Math.round(a.ms));
  }

const result = {
  at: new Date().toISOString(),
  mode: args.mode,
  buyers: BUYERS,
  phaseSeconds: PHASE_MS / 1000,
  execDropRate: DROP,
  loadSeconds: loadMs / 1000,
  requests: intents.length,
  firstSendWithoutOutcome: unanswered.length,
  retriesSent: intents.reduce((n, i) => n + i.answers.length - 1, 0),
  unresolvedAfterRetries: unresolved,
  toldPurchased: told.length,
  ordersInStore: orderList.length,
  stock: { totalStock: total, sold, stock, orderUnits },
  faults,
  byPhase,
  lost,
  doubled,
  oversold,
  holds: holdsReport,
  audit: { ok: auditBody.ok, stuckHolds: auditBody.stuckHolds },
};
console.log(`
  requests                 ${result.requests} (${result.firstSendWithoutOutcome} without an outcome at first, ${result.retriesSent} retries by key, ${unresolved} unresolved)
  faults                   ${faults.killedConnections} transaction connections killed, ${faults.droppedExecReplies} EXEC replies lost, ${faults.redisKills} kill -9 (down ${faults.redisDownMs} ms)
  purchases                ${told.length} told "purchased", ${orderList.length} orders in the store; sold ${sold} of ${total}, stock ${stock}
${Object.entries(byPhase)
  .map(
    ([name, p]) =>
      `  ${name.padEnd(24)} ${p.sends} sends, slowest ${p.maxMs} ms: ${Object.entries(p.answers)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
  )
  .join('\n')}
  lost                     ${lost}
  doubled                  ${doubled}
  oversold                 ${oversold}
  holds                    ${holdsReport.intents} asked (${holdsReport.sends} sends, ${holdsReport.unanswered} without an outcome, sent again), ${holdsReport.toldHeld} held: ${holdsReport.toldOrdered} ordered, ${holdsReport.toldCancelled} cancelled, ${holdsReport.toldExpired} told hold_expired, ${holdsReport.abandoned} left to expire; ${holdsReport.unresolved} unresolved
  holds: lost / doubled    ${holdsReport.lost} / ${holdsReport.doubled}
  holds: oversold          ${holdsReport.oversold} (stock ${holdsReport.product.stock} + held ${holdsReport.product.held} + sold ${holdsReport.product.sold} of ${holdsReport.product.totalStock})
  holds: stuck / wrong     ${holdsReport.stuck} / ${holdsReport.wrongState}
  holds ended, by phase    ${Object.entries(holdsReport.endedByPhase)
    .map(
      ([name, ends]) =>
        `${name}: ${Object.entries(ends)
          .map(([how, n]) => `${how} ${n}`)
          .join(', ')}`,
    )
    .join('; ')}
  audit                    ${auditBody.ok ? 'ok' : 'NOT ok'}, ${auditBody.stuckHolds} stuck holds
`);
mkdirSync(join(root, 'bench-results'), { recursive: true });
const file = join(root, 'bench-results', `fault-run-${Date.now()}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`  results: ${file}
  the app's error log: ${appLogFile}`);
await stopAll();
const holdsFailed =
  holdsReport.lost ||
  holdsReport.doubled ||
  holdsReport.oversold ||
  holdsReport.stuck ||
  holdsReport.wrongState ||
  holdsReport.unresolved ||
  !auditBody.ok ||
  auditBody.stuckHolds;
process.exit(lost || doubled || oversold || unresolved || holdsFailed ? 1 : 0);
