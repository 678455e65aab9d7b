// `npm run failover`: what a failover costs in each durability mode. For each mode it starts a
// primary and a replica that lags behind it (a relay delays its link), sells through the watched
// purchase with 64 concurrent buyers, kills the primary with SIGKILL mid-sale, promotes the
// replica, and counts the purchases that were acknowledged to a buyer but are not on the promoted
// replica. Prints one line per mode and a JSON summary.
import { Redis } from 'ioredis';
import { parseConfig } from '@/lib/config';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { purchase } from '@/lib/inventory/purchase';
import { closeStoreContext, createStoreContext } from '@/lib/redis/client';
// @ts-expect-error -- plain ESM helper shared with the durability tests, no type declarations
import { startReplicaPair } from './lib/replica-pair.mjs';

type Pair = {
  primaryUrl: string;
  replicaUrl: string;
  killPrimary: () => Promise<void>;
  promoteReplica: () => string;
  stop: () => Promise<void>;
};

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LAG_MS = arg('lag-ms', 20);
const SELL_MS = arg('sell-ms', 4000);
const BUYERS = arg('buyers', 64);

type Run = { mode: string; acknowledged: number; refused503: number; lost: number };

async function run(mode: 'primary' | 'replica'): Promise<Run> {
  const pair = (await startReplicaPair({ lagMs: LAG_MS })) as Pair;
  const env = { ...process.env, REDIS_URL: pair.primaryUrl, REDIS_PREFIX: 'failover:' };
  const ctx = createStoreContext(
    parseConfig({
      ...env,
      ADMIN_PASSWORD: 'x'.repeat(8),
      SESSION_SECRET: 'x'.repeat(32),
      DURABILITY: mode,
    }),
  );
  const sku = 'failover';
  await upsertProduct(
    sku,
    { name: 'Failover', priceCents: 1, stock: 1_000_000, limitPerShopper: 1000 },
    ctx,
  );
  const acknowledged: string[] = [];
  let refused503 = 0;
  let selling = true;
  const buyer = async (n: number) => {
    for (let i = 0; selling; i++) {
      try {
        const result = await purchase({ sku, shopperId: `buyer-${n}-${i}`, quantity: 1 }, ctx);
        if (result.ok && result.response.orderId) acknowledged.push(result.response.orderId);
      } catch {
        refused503++;
        if (!selling) return;
      }
    }
  };
  const buyers = Array.from({ length: BUYERS }, (_, n) => buyer(n));
  await new Promise((resolve) => setTimeout(resolve, SELL_MS));
  // The primary dies with whatever the replica has not received; answers from now on fail.
  const acknowledgedAtKill = acknowledged.length;
  await pair.killPrimary();
  selling = false;
  await Promise.all(buyers);
  await closeStoreContext(ctx);
  pair.promoteReplica();
  const replica = new Redis(pair.replicaUrl);
  const kept = new Set(await replica.hkeys(ctx.keys.orders(sku)));
  replica.disconnect();
  await pair.stop();
  const lost = acknowledged.filter((id) => !kept.has(id)).length;
  console.log(
    `DURABILITY=${mode.padEnd(7)}  acknowledged ${acknowledged.length} (${acknowledgedAtKill} before the kill), ` +
      `503 ${refused503}, lost on failover ${lost}`,
  );
  return { mode, acknowledged: acknowledged.length, refused503, lost };
}

console.log(
  `replica lag: ${LAG_MS} ms each way; ${BUYERS} buyers for ${SELL_MS} ms, then kill -9 of the primary`,
);
const results = [await run('primary'), await run('replica')];
console.log(JSON.stringify({ lagMs: LAG_MS, sellMs: SELL_MS, buyers: BUYERS, results }));
