import { appContext, type StoreContext } from '@/lib/redis/client';
import { readShopperProducts } from './products';

/**
 * The units one shopper holds of each product (only products with units), held at checkout and
 * bought together, read from the buyer counts of the products in the shopper's own index (or of
 * `skus`): the count that `limitPerShopper` is checked against. Reads only what the shopper has.
 */
export async function readShopperUnits(
  shopperId: string,
  ctx: StoreContext = appContext(),
  skus?: string[],
): Promise<Record<string, number>> {
  const { store, keys } = ctx;
  const mine = skus ?? (await readShopperProducts(shopperId, ctx));
  const counts = await Promise.all(mine.map((sku) => store.get(keys.buyer(sku, shopperId))));
  const units: Record<string, number> = {};
  mine.forEach((sku, i) => {
    const n = Number(counts[i] ?? 0);
    if (n > 0) units[sku] = n;
  });
  return units;
}
