import { config } from '@/lib/config';
import { shared, subscribe, type Subscription } from '@/lib/redis/client';
import { statusAt, type ProductRecord } from './product';

type Entry = { until: number; endsAt: number | null };

const soldOut = new Map<string, Entry>();
/** Bumped by every stock event, so a read older than a restock cannot mark the product sold out. */
const epochs = new Map<string, number>();
let subscription: Subscription | undefined;

/** The stock-event epoch of `sku` in this instance; pass it back to `markSoldOut`. */
export function stockEpoch(sku: string): number {
  return globalEpoch + (epochs.get(sku) ?? 0);
}

/** A stock event for every product (reset); it cannot be a SKU. */
const EVERY_PRODUCT = '*';
let globalEpoch = 0;

function forget(sku: string): void {
  if (sku === EVERY_PRODUCT) {
    soldOut.clear();
    globalEpoch++;
    return;
  }
  soldOut.delete(sku);
  epochs.set(sku, (epochs.get(sku) ?? 0) + 1);
}

/**
 * Subscribes once per instance to stock events, so a restock anywhere clears the cache here.
 * Events missed while the subscription was down must not leave a stale "sold out": each time it
 * becomes live everything is forgotten and the epoch moves, so older reads cannot mark either.
 */
function stockEvents(): Subscription {
  subscription ??= subscribe(shared().keys.stockEvents, forget, () => forget(EVERY_PRODUCT));
  return subscription;
}

/**
 * Remembers for SOLD_OUT_CACHE_MS that `product` (as a transaction read it) had no stock inside its
 * sale window — only while stock events are sure to reach this instance, and unless one came since
 * `epoch` (taken before the read). Outside the window nothing is cached: the window answers first.
 */
export function markSoldOut(product: ProductRecord, epoch: number): void {
  const ttl = config().SOLD_OUT_CACHE_MS;
  if (ttl === 0 || statusAt(product, Date.now()) !== 'sold_out') return;
  if (!stockEvents().isLive() || stockEpoch(product.sku) !== epoch) return;
  soldOut.set(product.sku, { until: Date.now() + ttl, endsAt: product.endsAt });
}

/** True when this instance may answer `sold_out` for `sku` without a transaction. */
export function isKnownSoldOut(sku: string, now: number): boolean {
  const entry = soldOut.get(sku);
  if (!entry) return false;
  if (entry.until <= now || (entry.endsAt !== null && now >= entry.endsAt)) {
    soldOut.delete(sku);
    return false;
  }
  return true;
}

/** Tells every instance (this one at once) that the stock of `sku` changed; no SKU: every product. */
export async function announceStockChange(sku: string = EVERY_PRODUCT): Promise<void> {
  forget(sku);
  const { store, keys } = shared();
  await store.publish(keys.stockEvents, sku);
}
