import { stockChanged } from '@/lib/inventory/stock-events';
import { createReadCache, type ReadCache } from '@/lib/read-cache';
import { subscribe, type StoreContext } from '@/lib/redis/client';

/**
 * Queue events: how a change of a waiting room (switched on or off, settings, pause, resume, the
 * reveal, a freeze when nothing is left) reaches the purchase gate's cache on every instance. The
 * gate has a cache of its own because sales, which publish a stock event each, never change a
 * waiting room: emptied by every sale, the gate would read the queue again on nearly every
 * purchase. A queue event is a stock event too (the public status shows it).
 */

/** Each context's gate cache (on globalThis, like the read cache, for dev hot reloads). */
const globalRef = globalThis as typeof globalThis & {
  __stockrushGateCaches?: WeakMap<StoreContext, ReadCache>;
};

/**
 * The purchase gate's cache of a context (READ_CACHE_MS): emptied at once by a queue event from
 * any instance; while the subscription is down only the short lifetime bounds its age, and each
 * time it comes back it starts over.
 */
export function gateCache(ctx: StoreContext): ReadCache {
  const caches = (globalRef.__stockrushGateCaches ??= new WeakMap());
  let cache = caches.get(ctx);
  if (!cache) {
    const made = createReadCache({ ttlMs: ctx.config.READ_CACHE_MS });
    subscribe(ctx, ctx.keys.queueEvents, made.invalidate, made.invalidate);
    caches.set(ctx, made);
    cache = made;
  }
  return cache;
}

/**
 * Tells every instance that the waiting room of `sku` changed: this instance's gate cache forgets
 * at once, the others' when the event arrives; then a stock event for the public reads. Call it
 * after the change is in the store.
 */
export async function queueChanged(ctx: StoreContext, sku: string): Promise<void> {
  gateCache(ctx).invalidate();
  await ctx.store.publish(ctx.keys.queueEvents, sku);
  await stockChanged(ctx, sku);
}
