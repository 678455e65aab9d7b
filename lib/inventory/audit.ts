import type { Audit, AuditRow } from '@/lib/api-types';
import { shared } from '@/lib/redis/client';
import { parseProduct } from './product';

/** Units recorded in a product's orders (HVALS of JSON orders). */
function orderUnits(orders: string[]): number {
  return orders.reduce(
    (sum, raw) => sum + Number((JSON.parse(raw) as { quantity: number }).quantity),
    0,
  );
}

/**
 * Checks the invariant of every product against its stored orders: stock ≥ 0,
 * stock + sold = totalStock, sold = the units of its orders. Product and orders are read in one
 * MULTI so a purchase cannot land between the two reads.
 */
export async function audit(): Promise<Audit> {
  const { store, keys } = shared();
  const skus = (await store.smembers(keys.catalogue)).sort();
  const rows = await Promise.all(
    skus.map(async (sku): Promise<AuditRow | undefined> => {
      const replies = await store.multi().hgetall(keys.product(sku)).hvals(keys.orders(sku)).exec();
      const [productReply, ordersReply] = replies ?? [];
      if (productReply?.[0] || ordersReply?.[0]) throw productReply?.[0] ?? ordersReply?.[0];
      const record = parseProduct(sku, productReply?.[1] as Record<string, string>);
      if (!record) return undefined;
      const units = orderUnits(ordersReply?.[1] as string[]);
      const ok =
        record.stock >= 0 &&
        record.stock + record.sold === record.totalStock &&
        record.sold === units;
      return {
        sku,
        stock: record.stock,
        sold: record.sold,
        totalStock: record.totalStock,
        orderUnits: units,
        ok,
      };
    }),
  );
  const products = rows.filter((r): r is AuditRow => r !== undefined);
  return { ok: products.every((p) => p.ok), products };
}
