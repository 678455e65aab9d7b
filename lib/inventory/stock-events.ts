import { subscribe, type StoreContext, type Subscription } from '@/lib/redis/client';

/**
 * Stock events: the one way a change of stock or terms reaches the caches of every instance (the
 * public reads' cache and the sold-out memory). Whatever changes a product — a sale, a restock, an
 * edit, an image, an archive or delete, a reset — calls `stockChanged` once it is in the store.
 */

/** A stock event for every product (reset); it cannot be a SKU. */
export const EVERY_PRODUCT = '*';

type Listener = (sku: string) => void;

/** This instance's listeners per context: its own changes reach them at once, not via Redis. */
const localListeners = new WeakMap<StoreContext, Listener[]>();

/**
 * Listens to the stock events of every instance: `onEvent` gets a SKU or EVERY_PRODUCT, at once
 * for a change made here and when the event arrives for one made elsewhere (so possibly twice).
 * `onLive` runs each time the subscription is (re-)established: events may have been missed.
 */
export function onStockEvent(
  ctx: StoreContext,
  onEvent: Listener,
  onLive: () => void,
): Subscription {
  localListeners.set(ctx, [...(localListeners.get(ctx) ?? []), onEvent]);
  return subscribe(ctx, ctx.keys.stockEvents, onEvent, onLive);
}

/**
 * Tells every instance that the stock or terms of `sku` changed (no SKU: every product): this
 * instance's caches forget it at once, the others' when the event reaches them. Call it after the
 * change is in the store. Rejects when the event could not be published.
 */
export async function stockChanged(ctx: StoreContext, sku: string = EVERY_PRODUCT): Promise<void> {
  for (const listener of localListeners.get(ctx) ?? []) listener(sku);
  await ctx.store.publish(ctx.keys.stockEvents, sku);
}
