import { LIMITS } from '@/lib/limits';
import type { StoreContext } from '@/lib/redis/client';
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

const instanceNumbers = new WeakMap<StoreContext, Promise<number>>();

/**
 * This instance's number, taken once from a shared counter: consecutive instances get
 * consecutive numbers, so they prefer different buckets of a product.
 */
export function instanceNumber(ctx: StoreContext): Promise<number> {
  let number = instanceNumbers.get(ctx);
  if (!number) {
    number = ctx.store.incr(ctx.keys.instances);
    // A failed INCR (store away) is not remembered: the next sale asks again.
    number.catch(() => instanceNumbers.delete(ctx));
    instanceNumbers.set(ctx, number);
  }
  return number;
}
