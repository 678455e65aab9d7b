import { config } from '@/lib/config';
import { shared, subscribe } from '@/lib/redis/client';

type Entry = { until: number; endsAt: number | null };

const soldOut = new Map<string, Entry>();
/** Bumped by every stock event, so a read older than a restock cannot mark the product sold out. */
const epochs = new Map<string, number>();
let subscribed = false;

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

/** Subscribes once per instance to stock events, so a restock anywhere clears the cache here. */
function subscribeOnce(): void {
  if (subscribed) return;
  subscribed = true;
  // Messages missed while disconnected must not leave a stale "sold out": forget all on reconnect.
  subscribe(shared().keys.stockEvents, forget, () => forget(EVERY_PRODUCT));
}

/** Remembers for SOLD_OUT_CACHE_MS that `sku` had no stock, unless a stock event came since `epoch`. */
export function markSoldOut(sku: string, endsAt: number | null, epoch: number): void {
  const ttl = config().SOLD_OUT_CACHE_MS;
  if (ttl === 0 || stockEpoch(sku) !== epoch) return;
  subscribeOnce();
  soldOut.set(sku, { until: Date.now() + ttl, endsAt });
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
