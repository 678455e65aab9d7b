// The expiry burst of `npm run bench`: `node --import tsx scripts/lib/hold-burst.ts <redisUrl>
// <prefix> <sku> <delayMs>`. Every live hold of <sku> (placed through the API beforehand) is made
// due at the same instant T = now + delayMs — their records' expiresAt and their scores in the due
// list, in one MULTI, then the product's score in the due index, as if they had all been placed in the same second — then the product's
// `held` is polled until it is 0. Prints one JSON line: how many holds, T, and how long after T
// the last unit was back on sale (swept by the app's instances, not by this script).
import { Redis } from 'ioredis';
import { keysFor } from '../../lib/redis/keys';

const [url, prefix, sku, delay] = process.argv.slice(2);
const keys = keysFor(prefix!);
const redis = new Redis(url!);
const ids = await redis.zrange(keys.holdsDue(sku!), '0', '-1');
const raws = ids.length ? await redis.mget(...ids.map((id) => keys.hold(sku!, id))) : [];
const at = Date.now() + Number(delay);
const multi = redis.multi();
ids.forEach((id, i) => {
  const hold = JSON.parse(raws[i]!) as { expiresAt: number };
  multi.set(keys.hold(sku!, id), JSON.stringify({ ...hold, expiresAt: at }));
  multi.zadd(keys.holdsDue(sku!), at, id);
});
await multi.exec();
await redis.zadd(keys.dueProducts, 'LT', at, sku!);
const heldAtT = async () => Number(await redis.hget(keys.product(sku!), 'held'));
let held = await heldAtT();
const units = held;
while (Date.now() < at) await new Promise((r) => setTimeout(r, 5));
const limit = at + 30_000;
let firstBackMs: number | null = null;
while (held > 0 && Date.now() < limit) {
  await new Promise((r) => setTimeout(r, 10));
  held = await heldAtT();
  if (firstBackMs === null && held < units) firstBackMs = Date.now() - at;
}
const backAfterMs = held === 0 ? Date.now() - at : null;
console.log(
  JSON.stringify({ holds: ids.length, units, at, firstBackMs, backAfterMs, heldLeft: held }),
);
redis.disconnect();
