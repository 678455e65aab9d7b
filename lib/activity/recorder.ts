import { randomBytes } from 'node:crypto';
import type { LogEntry } from '@/lib/api-types';
import type { StoreContext } from '@/lib/redis/client';
import { shopperPseudonym } from './pseudonym';

/** One answered purchase request, as the log and the counters see it. */
export type Activity = Omit<LogEntry, 'id' | 'at' | 'shopper'> & { shopperId: string; at: number };

type Pending = { activity: Activity; done: () => void };

/** The activities of this tick waiting for one write, per context. */
const queues = new WeakMap<StoreContext, Pending[]>();

const COUNTER_OF: Partial<Record<Activity['outcome'], string>> = {
  purchased: 'purchased',
  sold_out: 'soldOut',
  limit_reached: 'limitReached',
  contention: 'contention',
  // An ordered hold is a sale: it counts (and its units) like a purchase.
  ordered: 'purchased',
};

/** The counters one flush adds: replays count as requests only. */
function counters(batch: Activity[]): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (field: string, n: number) => n && totals.set(field, (totals.get(field) ?? 0) + n);
  for (const a of batch) {
    add('requests', 1);
    if (a.replay) continue;
    const field = COUNTER_OF[a.outcome];
    if (field) add(field, 1);
    add('conflicts', a.conflicts);
    if (a.outcome === 'purchased' || a.outcome === 'ordered') add('unitsSold', a.quantity);
  }
  return totals;
}

const instance = randomBytes(3).toString('hex');
let sequence = 0;

function toEntry(ctx: StoreContext, a: Activity): LogEntry {
  return {
    id: `${a.at.toString(36)}-${instance}-${(sequence++).toString(36)}`,
    at: new Date(a.at).toISOString(),
    sku: a.sku,
    shopper: shopperPseudonym(ctx, a.sku, a.shopperId),
    outcome: a.outcome,
    quantity: a.quantity,
    attempts: a.attempts,
    conflicts: a.conflicts,
    latencyMs: a.latencyMs,
    batch: a.batch,
    queuedMs: a.queuedMs,
    ...(a.replay ? { replay: true } : {}),
  };
}

async function flush(ctx: StoreContext): Promise<void> {
  const batch = queues.get(ctx) ?? [];
  queues.delete(ctx);
  const activities = batch.map((p) => p.activity);
  const { store, keys } = ctx;
  const cap = ctx.config.LOG_CAP;
  const entries = activities.map((a) => ({
    sku: a.sku,
    json: JSON.stringify(toEntry(ctx, a)),
  }));
  // One LPUSH for the whole tick, oldest first so the newest ends at the head; then the cap.
  const writes: Promise<unknown>[] = [
    store.lpush(keys.log, ...entries.map((e) => e.json)),
    store.ltrim(keys.log, 0, cap - 1),
  ];
  // The same entries per product, capped alike, so a filtered read reads only what it returns.
  const bySku = new Map<string, string[]>();
  for (const e of entries) bySku.set(e.sku, [...(bySku.get(e.sku) ?? []), e.json]);
  for (const [sku, list] of bySku) {
    writes.push(
      store.lpush(keys.productLog(sku), ...list),
      store.ltrim(keys.productLog(sku), 0, cap - 1),
    );
  }
  const totals = counters(activities);
  for (const [field, n] of totals) writes.push(store.hincrby(keys.stats, field, n));
  // The chart's per-second series reuses the same totals (replays excluded there too).
  const second = Math.floor(Date.now() / 1000);
  const seriesKey = keys.series(Math.floor(second / 60));
  const sold = totals.get('purchased') ?? 0;
  const clashes = totals.get('conflicts') ?? 0;
  if (sold) writes.push(store.hincrby(seriesKey, `p:${second}`, sold));
  if (clashes) writes.push(store.hincrby(seriesKey, `c:${second}`, clashes));
  if (sold || clashes) writes.push(store.expire(seriesKey, 180));
  // The sale has happened already: a failed log write is dropped, never turned into a failure.
  await Promise.allSettled(writes);
  for (const p of batch) p.done();
}

/**
 * Writes one log entry and its counters, batched with every other activity of this tick into one
 * round trip. Resolves once written (or dropped when the store fails); never rejects.
 */
export function record(activity: Activity, ctx: StoreContext): Promise<void> {
  return new Promise((resolve) => {
    const pending = queues.get(ctx);
    if (pending) return void pending.push({ activity, done: resolve });
    queues.set(ctx, [{ activity, done: resolve }]);
    setImmediate(() => void flush(ctx));
  });
}
