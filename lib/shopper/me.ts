import type { Hold } from '@/lib/api-types';
import { readShopperHolds } from '@/lib/holds/list';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { readShopperProducts } from './products';
import { readShopperUnits } from './purchases';

/**
 * What `/api/me` shows one shopper: their units per product (held + bought) and their holds,
 * read from the products in their own index only, so its cost follows what they have.
 */
export async function readMine(
  shopperId: string,
  ctx: StoreContext = appContext(),
): Promise<{ units: Record<string, number>; holds: Hold[] }> {
  const skus = await readShopperProducts(shopperId, ctx);
  const [units, holds] = await Promise.all([
    readShopperUnits(shopperId, ctx, skus),
    readShopperHolds(shopperId, ctx, skus),
  ]);
  return { units, holds };
}
