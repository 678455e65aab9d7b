import { appContext, type StoreContext } from '@/lib/redis/client';

/**
 * The units one shopper holds of each product (only products with units), held at checkout and
 * bought together, read from the products' buyer counts: the count that `limitPerShopper` is
 * checked against.
 */
export async function readShopperUnits(
  shopperId: string,
  ctx: StoreContext = appContext(),
): Promise<Record<string, number>> {
  const { store, keys } = ctx;
  const skus = await store.smembers(keys.catalogue);
  const counts = await Promise.all(skus.map((sku) => store.get(keys.buyer(sku, shopperId))));
  const units: Record<string, number> = {};
  skus.forEach((sku, i) => {
    const n = Number(counts[i] ?? 0);
    if (n > 0) units[sku] = n;
  });
  return units;
}
