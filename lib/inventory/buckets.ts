import { LIMITS } from '@/lib/limits';
import type { StoreContext } from '@/lib/redis/client';
import { liveInstances } from '@/lib/redis/instance-lease';
import type { CommandQueue } from '@/lib/redis/watched';

/**
 * Stock buckets: a hot product's stock split over K counters inside its hash tag. Each instance
 * sells from its own bucket and WATCHes only that one, so instances stop invalidating each other's
 * transactions; a sale that needs more than its bucket holds watches them all and takes from the
 * others, so no unit is stranded. The buckets always add up to the product's `stock`.
 */

/** Every bucket index a product may use: readers and whole-product writers take them all. */
export const ALL_BUCKETS = Array.from({ length: LIMITS.buckets }, (_, i) => i);

/** `total` split over `count` buckets as evenly as whole units allow (the first ones get the rest). */
export function evenSplit(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, i) => base + (i < total % count ? 1 : 0));
}

/** Queues writes that set the product's buckets to `stocks` and clear the ones it no longer uses. */
export function queueBuckets(
  ctx: StoreContext,
  tx: CommandQueue,
  sku: string,
  stocks: number[],
): void {
  for (const i of ALL_BUCKETS) {
    const key = ctx.keys.bucket(sku, i);
    if (i < stocks.length) tx.set(key, String(stocks[i]));
    else tx.del(key);
  }
}

/** Bucket counters as MGET read them (missing ones are 0), the first `count` of them. */
export function parseBuckets(values: (string | null)[], count: number): number[] {
  return values.slice(0, count).map((v) => Number(v ?? 0));
}

/**
 * The bucket count of a product created without one: STOCK_BUCKETS, or else one per live instance
 * (their leases), so each instance sells from a bucket of its own.
 */
export async function defaultBuckets(ctx: StoreContext): Promise<number> {
  if (ctx.config.STOCK_BUCKETS !== undefined) return ctx.config.STOCK_BUCKETS;
  const live = await liveInstances(ctx.store, ctx.keys);
  return Math.min(LIMITS.buckets, Math.max(1, live));
}
