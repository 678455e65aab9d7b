import type { Audit, AuditRow } from '@/lib/api-types';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { ALL_BUCKETS, parseBuckets } from './buckets';
import { parseProduct } from './product';

/** Units recorded in a product's orders (HVALS of JSON orders). */
function orderUnits(orders: string[]): number {
  return orders.reduce(
    (sum, raw) => sum + Number((JSON.parse(raw) as { quantity: number }).quantity),
    0,
  );
}

/**
 * Checks the invariant of every product against its stored orders and buckets: stock ≥ 0,
 * stock + sold = totalStock, sold = the units of its orders, and its buckets (none below zero,
 * none unused holding units) add up to its stock. Product, orders and buckets are read in one
 * MULTI so a purchase cannot land between the reads.
 */
export async function audit(ctx: StoreContext = appContext()): Promise<Audit> {
  const { store, keys } = ctx;
  // Archived products keep their orders, so they are audited too (two reads: on Cluster the
  // two sets may sit in different slots).
  const sets = await Promise.all([store.smembers(keys.catalogue), store.smembers(keys.archived)]);
  const skus = [...new Set(sets.flat())].sort();
  const rows = await Promise.all(
    skus.map(async (sku): Promise<AuditRow | undefined> => {
      const bucketKeys = ALL_BUCKETS.map((i) => keys.bucket(sku, i));
      const replies = await store
        .multi()
        .hgetall(keys.product(sku))
        .hvals(keys.orders(sku))
        .mget(...bucketKeys)
        .exec();
      const [productReply, ordersReply, bucketsReply] = replies ?? [];
      for (const reply of [productReply, ordersReply, bucketsReply]) if (reply?.[0]) throw reply[0];
      const record = parseProduct(sku, productReply?.[1] as Record<string, string>);
      if (!record) return undefined;
      const units = orderUnits(ordersReply?.[1] as string[]);
      const all = parseBuckets(bucketsReply?.[1] as (string | null)[], ALL_BUCKETS.length);
      const buckets = all.slice(0, record.buckets);
      const ok =
        record.stock >= 0 &&
        record.stock + record.sold === record.totalStock &&
        record.sold === units &&
        buckets.every((b) => b >= 0) &&
        all.slice(record.buckets).every((b) => b === 0) &&
        buckets.reduce((a, b) => a + b, 0) === record.stock;
      return {
        sku,
        stock: record.stock,
        sold: record.sold,
        totalStock: record.totalStock,
        orderUnits: units,
        buckets,
        ok,
      };
    }),
  );
  const products = rows.filter((r): r is AuditRow => r !== undefined);
  return { ok: products.every((p) => p.ok), products };
}
