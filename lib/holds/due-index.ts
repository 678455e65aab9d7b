import type { StoreContext } from '@/lib/redis/client';
import { perContext } from '@/lib/redis/per-context';

/**
 * The due index (`keys.dueProducts`): one sorted set for the whole store, SKU → a time at or
 * before the earliest expiry of the product's live holds. The sweepers read only its due head, so
 * a tick costs the same whether the store has ten products or ten thousand archived ones: a
 * product without live holds is not in it.
 *
 * Its rule: a score may be early (the sweep then finds nothing due and re-scores it), never late.
 * It sits on a slot of its own, outside every product's transaction (on Cluster a MULTI is one
 * slot), so it is kept right by the order of separate writes instead:
 * - placing holds: after the product's EXEC, `ZADD … LT` the earliest new expiry (noteHoldsDue);
 *   a write that fails is kept in memory and retried by the next sweep;
 * - sweeping a product: ZREM it, then read its earliest live expiry, then `ZADD … LT` it back
 *   (rescore). A placement racing that either lands before the read (which sees it) or writes
 *   its own LT after it (and after the ZREM), so no live hold is left out;
 * - ending holds (order, cancel, release) writes nothing here: the old score is only early;
 * - repairs, for what a process dying between two writes can leave out: every instance rebuilds
 *   the index from the products once at its start, and the audit re-adds every product whose
 *   live holds it reads.
 */

/** Index writes that failed (store away), per context: SKU → the earliest time to note. */
const pending = perContext(() => new Map<string, number>());

/**
 * Notes that `sku` has a live hold expiring at `at` (ms): its score becomes `at` unless it is
 * earlier already. Never throws: a failed write is retried by this context's next sweep.
 */
export async function noteHoldsDue(ctx: StoreContext, sku: string, at: number): Promise<void> {
  try {
    await ctx.store.zadd(ctx.keys.dueProducts, 'LT', at, sku);
  } catch {
    const map = pending(ctx);
    map.set(sku, Math.min(at, map.get(sku) ?? at));
  }
}

/** Retries the index writes of this context that failed (before a sweep reads the index). */
export async function retryPendingNotes(ctx: StoreContext): Promise<void> {
  const map = pending.peek(ctx);
  if (!map?.size) return;
  const notes = [...map];
  map.clear();
  await Promise.all(notes.map(([sku, at]) => noteHoldsDue(ctx, sku, at)));
}

/** The SKUs due at `now` (store time, ms), soonest first, at most `limit`. */
export async function dueProducts(
  ctx: StoreContext,
  now: number,
  limit: number,
): Promise<string[]> {
  return ctx.store.zrangebyscore(ctx.keys.dueProducts, '-inf', now, 'LIMIT', 0, limit);
}

/** The earliest expiry of `sku`'s live holds, or undefined without any. */
async function earliestExpiry(ctx: StoreContext, sku: string): Promise<number | undefined> {
  const [, score] = await ctx.store.zrange(ctx.keys.holdsDue(sku), '0', '0', 'WITHSCORES');
  return score === undefined ? undefined : Number(score);
}

/** Re-scores `sku` after a sweep: its earliest live expiry, or out of the index without any. */
export async function rescoreDue(ctx: StoreContext, sku: string): Promise<void> {
  await ctx.store.zrem(ctx.keys.dueProducts, sku);
  const earliest = await earliestExpiry(ctx, sku);
  if (earliest !== undefined) await noteHoldsDue(ctx, sku, earliest);
}

/** Products read per round trip by the rebuild. */
const REBUILD_CHUNK = 500;

/**
 * Adds every product (catalogue and archive) with live holds to the index at its earliest
 * expiry: the repair an instance runs once at its start, so a hold whose index write was lost
 * with a dying process is swept all the same. Answers how many products it noted.
 */
export async function rebuildDueIndex(ctx: StoreContext): Promise<number> {
  const { store, keys } = ctx;
  let noted = 0;
  for (const set of [keys.catalogue, keys.archived]) {
    let cursor = '0';
    do {
      const [next, skus] = await store.sscan(set, cursor, 'COUNT', REBUILD_CHUNK);
      cursor = next;
      const earliest = await Promise.all(skus.map((sku) => earliestExpiry(ctx, sku)));
      await Promise.all(
        skus.map((sku, i) => {
          const at = earliest[i];
          if (at === undefined) return undefined;
          noted++;
          return noteHoldsDue(ctx, sku, at);
        }),
      );
    } while (cursor !== '0');
  }
  return noted;
}
