import { randomUUID } from 'node:crypto';
import { record } from '@/lib/activity/recorder';
import { watchPolicy } from '@/lib/inventory/policies';
import { parseProduct, type ProductRecord } from '@/lib/inventory/product';
import { stockChanged } from '@/lib/inventory/stock-events';
import { appContext, hasAppContext, type StoreContext } from '@/lib/redis/client';
import { parseStoreTime, queueStoreTime, readStoreTime } from '@/lib/redis/clock';
import { runWatched } from '@/lib/redis/watched';
import { dueProducts, rebuildDueIndex, rescoreDue, retryPendingNotes } from './due-index';
import { parseHold, type EndedHoldRecord, type HoldRecord } from './hold';
import { endedHold, queueHoldEnds } from './units-back';

/**
 * Expiry without a leader: every HOLD_SWEEP_MS every instance reads the due index (the products
 * with live holds due by the store's clock, lib/holds/due-index.ts) and sweeps each of those
 * products' due holds (`holdsDue`, scored by expiry), in chunks of at most HOLD_SWEEP_CHUNK holds
 * per watched transaction; racing sweepers (and a Place order or Cancel racing one) are settled
 * by WATCH on the holds' records. Instances start at different chunks of a long due list, so
 * several of them share a burst of expiries instead of colliding on the first chunk. A product
 * without live holds (every archived one, in time) costs a tick nothing.
 */

/** Chunks apart that instances start reading a due list (then they take what is left). */
const SPREAD = 4;

type Chunk = {
  expired: HoldRecord[];
  cleared: number;
  attempts: number;
  conflicts: number;
  /** How long the chunk's watched transaction took, tries included. */
  latencyMs: number;
};

/**
 * Expires the holds `ids` of `sku` that are still held and due at the transaction's read (by the
 * store's clock, read in the same round trip, never this instance's): state
 * `expired`, units back to this instance's bucket and the stock, quota back to their shoppers, out
 * of `holdsDue`. Ids whose record is gone or no longer held leave `holdsDue` too. Exactly once per
 * hold whoever else sweeps or ends it; a lost EXEC reply is resolved by the write's own token.
 */
export async function expireChunk(
  ctx: StoreContext,
  sku: string,
  ids: string[],
  instance: number,
): Promise<Chunk> {
  const { keys } = ctx;
  const started = performance.now();
  const holdKeys = ids.map((id) => keys.hold(sku, id));
  type Snapshot = {
    now: number;
    product: ProductRecord | undefined;
    holds: (HoldRecord | undefined)[];
  };
  type Value = { expired: HoldRecord[]; cleared: number };
  const result = await runWatched<Snapshot, Value>(ctx, watchPolicy(ctx.config, 'admin'), {
    watch: [keys.terms(sku), ...holdKeys],
    read: (pipe) => {
      queueStoreTime(pipe);
      pipe.hgetall(keys.product(sku)).mget(...holdKeys);
    },
    parse: ([time, hash, raws]) => ({
      now: parseStoreTime(time),
      product: parseProduct(sku, hash as Record<string, string>),
      holds: (raws as (string | null)[]).map((raw) => parseHold(raw)),
    }),
    // Due by the store's clock read with the holds, whatever this instance's clock says.
    decide({ now, product, holds }) {
      const expired: EndedHoldRecord[] = [];
      const orphans: string[] = [];
      holds.forEach((hold, i) => {
        if (hold?.state === 'held') {
          if (hold.expiresAt <= now) expired.push(endedHold(hold, 'expired', 'expiry', now));
        } else {
          orphans.push(ids[i]!);
        }
      });
      const value = { expired, cleared: orphans.length };
      if (expired.length === 0 && orphans.length === 0) return { write: false, value };
      const token = { key: keys.writeToken(sku, randomUUID()) };
      return {
        write: true,
        value,
        token,
        queue(tx) {
          if (expired.length) queueHoldEnds(ctx, tx, expired, instance % (product?.buckets ?? 1));
          if (orphans.length) tx.zrem(keys.holdsDue(sku), ...orphans);
          tx.set(token.key, '1', 'EX', ctx.config.IDEMPOTENCY_TTL_S);
        },
      };
    },
  });
  const { attempts, conflicts } = result;
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  switch (result.status) {
    case 'written':
    case 'unchanged':
    // Unconfirmed: on the primary; the next sweep reads them ended (or ends them).
    case 'unconfirmed':
      return { ...result.value, attempts, conflicts, latencyMs };
    default:
      // Busy or in doubt: the holds stay due, the next sweep tries again.
      return { expired: [], cleared: 0, attempts, conflicts, latencyMs };
  }
}

/**
 * Expires what is due of one product at `now` (the store's time), chunk after chunk; answers how
 * many holds expired.
 */
export async function sweepProduct(ctx: StoreContext, sku: string, instance: number, now: number) {
  const chunk = ctx.config.HOLD_SWEEP_CHUNK;
  let offset = (instance % SPREAD) * chunk;
  let total = 0;
  for (;;) {
    const ids = await ctx.store.zrangebyscore(
      ctx.keys.holdsDue(sku),
      '-inf',
      now,
      'LIMIT',
      offset,
      chunk,
    );
    if (ids.length === 0) {
      if (offset === 0) return total;
      offset = 0;
      continue;
    }
    const done = await expireChunk(ctx, sku, ids, instance);
    total += done.expired.length;
    if (done.expired.length > 0) {
      stockChanged(ctx, sku).catch(() => {});
      logExpiries(ctx, done);
    }
    // Nothing moved (busy, or another sweeper is on these): leave the rest to the next pass.
    if (done.expired.length === 0 && done.cleared === 0) return total;
  }
}

/** One log entry per expired hold, with the attempts and conflicts of its transaction. */
function logExpiries(ctx: StoreContext, { expired, attempts, conflicts, latencyMs }: Chunk): void {
  for (const hold of expired) {
    void record(
      {
        sku: hold.sku,
        outcome: 'expired',
        quantity: hold.quantity,
        attempts,
        conflicts,
        latencyMs,
        batch: expired.length,
        queuedMs: 0,
        shopperId: hold.shopper,
        at: Date.now(),
      },
      ctx,
    );
  }
}

/**
 * One sweep: the products the due index says are due by the store's clock (at most
 * HOLD_SWEEP_PRODUCTS, soonest first; the rest are next), each swept and then re-scored to its
 * earliest live expiry (or out of the index). Catalogue and archive alike: an archived product
 * may still hold units. Answers how many holds expired.
 */
export async function sweepHolds(ctx: StoreContext): Promise<number> {
  await retryPendingNotes(ctx);
  const now = await readStoreTime(ctx.store);
  const skus = await dueProducts(ctx, now, ctx.config.HOLD_SWEEP_PRODUCTS);
  if (skus.length === 0) return 0;
  const instance = await ctx.instance.number();
  const counts = await Promise.all(
    skus.map(async (sku) => {
      const expired = await sweepProduct(ctx, sku, instance, now);
      await rescoreDue(ctx, sku);
      return expired;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** A running sweeper: `stop` ends it once its pass in progress has finished. */
export type HoldSweeper = { stop: () => Promise<void> };

/**
 * Sweeps `ctx`'s due holds every HOLD_SWEEP_MS (the next pass starts that long after the last one
 * ended, so passes never overlap) until stopped; the first pass rebuilds the due index from the
 * products (until it succeeds once). A pass that fails (store away) is retried by the next one.
 */
export function startHoldSweeper(ctx: StoreContext): HoldSweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let rebuilt = false;
  const pass = async () => {
    if (!rebuilt) {
      await rebuildDueIndex(ctx);
      rebuilt = true;
    }
    return sweepHolds(ctx);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass()
        .catch(() => 0)
        .finally(schedule);
    }, ctx.config.HOLD_SWEEP_MS);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * Runs the app's hold sweeper for this server's whole life (server start), stopped as soon as the
 * server is told to stop, so a stopping instance sends no more expiries.
 */
export function sweepHoldsWhileRunning(): void {
  let sweeper: HoldSweeper | undefined;
  try {
    sweeper = startHoldSweeper(appContext());
  } catch {
    // A bad setting is reported by the first request that needs the configuration.
    return;
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (hasAppContext()) void sweeper?.stop();
    });
  }
}
