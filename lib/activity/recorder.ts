import { randomBytes } from 'node:crypto';
import { SHORT_SHOPPER_LENGTH, type LogEntry } from '@/lib/api-types';
import { config } from '@/lib/config';
import { shared } from '@/lib/redis/client';

/** One answered purchase request, as the log and the counters see it. */
export type Activity = Omit<LogEntry, 'id' | 'at' | 'shopper'> & { shopperId: string; at: number };

type Pending = { activity: Activity; done: () => void };

let pending: Pending[] = [];
let scheduled = false;

const COUNTER_OF: Partial<Record<Activity['outcome'], string>> = {
  purchased: 'purchased',
  sold_out: 'soldOut',
  limit_reached: 'limitReached',
  contention: 'contention',
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
    if (a.outcome === 'purchased') add('unitsSold', a.quantity);
  }
  return totals;
}

const instance = randomBytes(3).toString('hex');
let sequence = 0;

function toEntry(a: Activity): LogEntry {
  return {
    id: `${a.at.toString(36)}-${instance}-${(sequence++).toString(36)}`,
    at: new Date(a.at).toISOString(),
    sku: a.sku,
    shopper: a.shopperId.slice(0, SHORT_SHOPPER_LENGTH),
    outcome: a.outcome,
    quantity: a.quantity,
    attempts: a.attempts,
    conflicts: a.conflicts,
    latencyMs: a.latencyMs,
    ...(a.replay ? { replay: true } : {}),
  };
}

async function flush(): Promise<void> {
  scheduled = false;
  const batch = pending;
  pending = [];
  const activities = batch.map((p) => p.activity);
  const { store, keys } = shared();
  // One LPUSH for the whole tick, oldest first so the newest ends at the head; then the cap.
  const writes: Promise<unknown>[] = [
    store.lpush(keys.log, ...activities.map((a) => JSON.stringify(toEntry(a)))),
    store.ltrim(keys.log, 0, config().LOG_CAP - 1),
  ];
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
export function record(activity: Activity): Promise<void> {
  return new Promise((resolve) => {
    pending.push({ activity, done: resolve });
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => void flush());
    }
  });
}
