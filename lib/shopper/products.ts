import type { StoreContext } from '@/lib/redis/client';
import { perContext } from '@/lib/redis/per-context';

/**
 * Each shopper's own index of the products they have bought or held (`keys.shopperProducts`, a
 * set with a TTL, on the shopper's slot): what `/api/me` reads instead of the whole catalogue, so
 * its cost follows what the shopper has, not what the store has ever sold. It is written after
 * the product's EXEC (another slot: no MULTI spans both); a write lost with a dying process only
 * leaves that product out of the shopper's own view (the limit is counted on the product's slot).
 */

/** Notes per context: `sku\nshopper` → when it was last written, to skip repeats for a while. */
const recentOf = perContext(() => new Map<string, number>());

/** A note is written again after this long (well within the key's TTL). */
const RENOTE_MS = 60_000;
/** Notes remembered per context before the memory starts over. */
const REMEMBERED = 100_000;

/**
 * Adds `sku` to each shopper's index and renews its TTL (SHOPPER_KEYS_TTL_S). Never throws: a
 * failed write is forgotten (the shopper's next purchase or hold writes it again).
 */
export async function noteShopperProducts(
  ctx: StoreContext,
  sku: string,
  shoppers: Iterable<string>,
): Promise<void> {
  const { store, keys, config } = ctx;
  const memory = recentOf(ctx);
  const now = performance.now();
  const writes: Promise<unknown>[] = [];
  for (const shopper of shoppers) {
    const id = `${sku}\n${shopper}`;
    if (now - (memory.get(id) ?? -Infinity) < RENOTE_MS) continue;
    if (memory.size >= REMEMBERED) memory.clear();
    memory.set(id, now);
    const key = keys.shopperProducts(shopper);
    writes.push(
      store
        .multi()
        .sadd(key, sku)
        .expire(key, config.SHOPPER_KEYS_TTL_S)
        .exec()
        .catch(() => memory.delete(id)),
    );
  }
  await Promise.all(writes.map((w) => w.catch(() => {})));
}

/** The SKUs one shopper has bought or held (while their index lives). */
export async function readShopperProducts(shopperId: string, ctx: StoreContext): Promise<string[]> {
  return ctx.store.smembers(ctx.keys.shopperProducts(shopperId));
}
