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

async function flush(): Promise<void> {
  scheduled = false;
  const batch = pending;
  pending = [];
  const { store, keys } = shared();
  const cap = config().LOG_CAP;
  const writes: Promise<unknown>[] = [];
  for (const { activity: a } of batch) {
    const fields = [
      'at',
      String(a.at),
      'sku',
      a.sku,
      'shopper',
      a.shopperId.slice(0, SHORT_SHOPPER_LENGTH),
      'outcome',
      a.outcome,
      'quantity',
      String(a.quantity),
      'attempts',
      String(a.attempts),
      'conflicts',
      String(a.conflicts),
      'latencyMs',
      String(a.latencyMs),
    ];
    if (a.replay) fields.push('replay', '1');
    writes.push(store.xadd(keys.log, 'MAXLEN', '~', cap, '*', ...fields));
  }
  for (const [field, n] of counters(batch.map((p) => p.activity))) {
    writes.push(store.hincrby(keys.stats, field, n));
  }
  const second = Math.floor(Date.now() / 1000);
  const seriesKey = keys.series(Math.floor(second / 60));
  const sold = batch.filter((p) => p.activity.outcome === 'purchased' && !p.activity.replay).length;
  const clashes = batch.reduce((sum, p) => sum + (p.activity.replay ? 0 : p.activity.conflicts), 0);
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
