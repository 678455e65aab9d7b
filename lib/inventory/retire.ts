import type { Product } from '@/lib/api-types';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { ALL_BUCKETS } from './buckets';
import { writeProduct } from './catalogue';
import { nextVersion, parseProduct, toProduct, type ProductRecord } from './product';
import { stockChanged } from './stock-events';

export type RetireResult =
  { ok: true; product: Product } | { ok: false; reason: 'not_found' | 'has_orders' };

/**
 * Deletes a product that has no orders: its hash, buckets and orders go in one
 * watched transaction, so a purchase racing with it either lands first (and the delete is refused
 * with `has_orders`) or finds no product. A product with orders is never deleted: archive it.
 */
export async function deleteProduct(
  sku: string,
  ctx: StoreContext = appContext(),
): Promise<RetireResult> {
  const { keys, config } = ctx;
  const result = await writeProduct<RetireResult>(ctx, sku, ({ existing }) => {
    if (!existing) return { write: false, value: { ok: false, reason: 'not_found' } };
    // Units in carts become orders or come back: the product stays until they have.
    if (existing.sold > 0 || existing.held > 0) {
      return { write: false, value: { ok: false, reason: 'has_orders' } };
    }
    const product = toProduct(existing, config.PURCHASE_MODE);
    return {
      write: true,
      value: { ok: true, product },
      queue(tx) {
        const bucketKeys = ALL_BUCKETS.map((i) => keys.bucket(sku, i));
        // No orders ever means no buyer counts or idempotency records were written.
        tx.del(
          keys.product(sku),
          keys.terms(sku),
          keys.orders(sku),
          keys.orderTimes(sku),
          keys.refunds(sku),
          keys.holdsDue(sku),
          keys.image(sku),
          ...bucketKeys,
          // The waiting room's own keys; its tickets expire (and name the seed they were for).
          keys.queue(sku),
          keys.queuePre(sku),
          keys.queueRanks(sku),
          keys.queueTail(sku),
        );
      },
    };
  });
  if (result.ok) await leaveSets(ctx, sku, false);
  return result;
}

/**
 * Archives a product (the way out for one with orders): its sale ends now, so no purchase lands
 * after it; it leaves the storefront's catalogue; its hash and orders stay for the audit.
 */
export async function archiveProduct(
  sku: string,
  ctx: StoreContext = appContext(),
): Promise<RetireResult> {
  const { keys, config } = ctx;
  const now = Date.now();
  const result = await writeProduct<RetireResult>(ctx, sku, ({ existing }) => {
    if (!existing) return { write: false, value: { ok: false, reason: 'not_found' } };
    const endsAt = existing.endsAt === null ? now : Math.min(existing.endsAt, now);
    // The window an admin edits changes: an edit read before the archive must not undo it.
    const version = nextVersion(existing, now);
    const product = toProduct({ ...existing, endsAt, version }, config.PURCHASE_MODE, now);
    return {
      write: true,
      value: { ok: true, product },
      queue: (tx) => void tx.hset(keys.product(sku), { endsAt, version }),
    };
  });
  if (result.ok) await leaveSets(ctx, sku, true);
  return result;
}

/** Moves `sku` out of the catalogue (into the archive, or nowhere) and tells every instance. */
async function leaveSets(ctx: StoreContext, sku: string, archive: boolean): Promise<void> {
  const { store, keys } = ctx;
  // The sets hold every SKU, so they sit outside the product's hash slot (and its MULTI).
  await Promise.all([
    store.srem(keys.catalogue, sku),
    archive ? store.sadd(keys.archived, sku) : store.srem(keys.archived, sku),
  ]);
  await stockChanged(ctx, sku);
}

/** The archived products, latest end first. */
export async function listArchived(ctx: StoreContext = appContext()): Promise<Product[]> {
  const { store, keys, config } = ctx;
  const skus = await store.smembers(keys.archived);
  const hashes = await Promise.all(skus.map((sku) => store.hgetall(keys.product(sku))));
  return skus
    .map((sku, i) => parseProduct(sku, hashes[i] ?? {}))
    .filter((r): r is ProductRecord => r !== undefined)
    .sort((a, b) => (b.endsAt ?? 0) - (a.endsAt ?? 0))
    .map((r) => toProduct(r, config.PURCHASE_MODE));
}
