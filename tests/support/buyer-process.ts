// One OS process of the multi-process test: its own pool and admission, buying (or holding)
// through the same lib as the app. Reads its task from the environment, prints one JSON line of results.
import { placeHold } from '@/lib/holds/place';
import { purchase } from '@/lib/inventory/purchase';
import { appContext, closeAppContext } from '@/lib/redis/client';
import { randomBytes } from 'node:crypto';

const sku = process.env.BUY_SKU!;
const total = Number(process.env.BUY_COUNT);
const concurrency = Number(process.env.BUY_CONCURRENCY);
// `hold`: place holds (a product in checkout mode hold) instead of buying.
const buy = process.env.BUY_KIND === 'hold' ? placeHold : purchase;
const counts: Record<string, number> = {};
let conflicts = 0;
let next = 0;

async function worker() {
  while (next < total) {
    next++;
    const result = await buy({
      sku,
      shopperId: randomBytes(12).toString('base64url'),
      quantity: 1,
    });
    const outcome = result.ok ? result.response.outcome : result.reason;
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    if (result.ok) conflicts += result.response.conflicts;
  }
}

// Connect first and tell the parent; start buying only when every process is ready, so the
// processes really overlap instead of one selling out while the others still start.
await appContext().store.ping();
process.send?.('ready');
await new Promise<void>((resolve) => process.once('message', () => resolve()));
await Promise.all(Array.from({ length: concurrency }, worker));
await closeAppContext();
console.log(JSON.stringify({ counts, conflicts }));
