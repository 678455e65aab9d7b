import type { CheckoutMode } from '@/lib/api-types';
import type { StoreContext, Subscription } from '@/lib/redis/client';
import { statusAt, type ProductRecord } from './product';
import { EVERY_PRODUCT, onStockEvent } from './stock-events';

/**
 * A remembered sold-out product: until when, its window's end, and how it is checked out. Both
 * times are on this instance's monotonic clock (`performance.now()`): the end is the store's
 * `endsAt` moved by the store's time of the read, so a wrong wall clock cannot stretch it.
 */
type Entry = { until: number; endsBy: number | null; checkoutMode: CheckoutMode };

/** One instance's memory of sold-out products, kept honest by the stock events of its context. */
type SoldOutCache = {
  soldOut: Map<string, Entry>;
  /** Bumped by every stock event, so a read older than a restock cannot mark the product sold out. */
  epochs: Map<string, number>;
  globalEpoch: number;
  subscription: Subscription | undefined;
};

const caches = new WeakMap<StoreContext, SoldOutCache>();

function cacheOf(ctx: StoreContext): SoldOutCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = { soldOut: new Map(), epochs: new Map(), globalEpoch: 0, subscription: undefined };
    caches.set(ctx, cache);
  }
  return cache;
}

function forget(cache: SoldOutCache, sku: string): void {
  if (sku === EVERY_PRODUCT) {
    cache.soldOut.clear();
    cache.globalEpoch++;
    return;
  }
  cache.soldOut.delete(sku);
  cache.epochs.set(sku, (cache.epochs.get(sku) ?? 0) + 1);
}

/**
 * Subscribes once per context to stock events, so a restock anywhere clears the cache here.
 * Events missed while the subscription was down must not leave a stale "sold out": each time it
 * becomes live everything is forgotten and the epoch moves, so older reads cannot mark either.
 */
function stockEvents(ctx: StoreContext, cache: SoldOutCache): Subscription {
  cache.subscription ??= onStockEvent(
    ctx,
    (sku) => forget(cache, sku),
    () => forget(cache, EVERY_PRODUCT),
  );
  return cache.subscription;
}

/** The stock-event epoch of `sku` in this instance; pass it back to `markSoldOut`. */
export function stockEpoch(ctx: StoreContext, sku: string): number {
  const cache = cacheOf(ctx);
  return cache.globalEpoch + (cache.epochs.get(sku) ?? 0);
}

/**
 * Remembers for SOLD_OUT_CACHE_MS that `product` (as a transaction read it at the store's time
 * `now`) had no stock inside its sale window and none held (units in carts may come back: "all in
 * carts" is never remembered) — only while stock events are sure to reach this instance, and
 * unless one came since `epoch` (taken before the read). Outside the window nothing is cached:
 * the window answers first; the memory ends with the window, counted from the store's time.
 */
export function markSoldOut(
  ctx: StoreContext,
  product: ProductRecord,
  now: number,
  epoch: number,
): void {
  const ttl = ctx.config.SOLD_OUT_CACHE_MS;
  if (ttl === 0 || statusAt(product, now) !== 'sold_out') return;
  const cache = cacheOf(ctx);
  if (!stockEvents(ctx, cache).isLive() || stockEpoch(ctx, product.sku) !== epoch) return;
  const here = performance.now();
  cache.soldOut.set(product.sku, {
    until: here + ttl,
    endsBy: product.endsAt === null ? null : here + (product.endsAt - now),
    checkoutMode: product.checkoutMode,
  });
}

/**
 * True when this instance may answer `sold_out` for `sku` without a transaction: a request of
 * the product's own checkout mode (`mode`; a request of the other mode is told so by one).
 */
export function isKnownSoldOut(
  ctx: StoreContext,
  sku: string,
  mode: CheckoutMode = 'instant',
): boolean {
  const { soldOut } = cacheOf(ctx);
  const entry = soldOut.get(sku);
  if (!entry) return false;
  const now = performance.now();
  if (entry.until <= now || (entry.endsBy !== null && now >= entry.endsBy)) {
    soldOut.delete(sku);
    return false;
  }
  return entry.checkoutMode === mode;
}
