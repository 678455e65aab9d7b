import type { AdminHoldsBody, AdminOrdersBody, Hold } from '@/lib/api-types';
import { shopperPseudonym } from '@/lib/activity/pseudonym';
import { parseOrder } from '@/lib/inventory/refund';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { readShopperProducts } from '@/lib/shopper/products';
import { parseHold, toHold, type HoldRecord } from './hold';

/** How long /api/me keeps listing a hold after it ended (so the card can say how it ended). */
export const ENDED_HOLDS_SHOWN_MS = 10 * 60_000;

/** The newest orders the admin list shows. */
export const ADMIN_ORDERS_SHOWN = 200;

/** One hold as stored, or undefined. */
export async function readHold(
  sku: string,
  id: string,
  ctx: StoreContext = appContext(),
): Promise<HoldRecord | undefined> {
  return parseHold(await ctx.store.get(ctx.keys.hold(sku, id)));
}

/**
 * One shopper's holds of the products in their own index (or of `skus`), archived ones too: the
 * live ones and those that ended in the last ENDED_HOLDS_SHOWN_MS, newest first. Older ids leave
 * the shopper's list as it is read. Reads only what the shopper has.
 */
export async function readShopperHolds(
  shopperId: string,
  ctx: StoreContext = appContext(),
  skus?: string[],
): Promise<Hold[]> {
  const { store, keys } = ctx;
  const since = Date.now() - ENDED_HOLDS_SHOWN_MS;
  const mine = skus ?? (await readShopperProducts(shopperId, ctx));
  const lists = await Promise.all(
    mine.map(async (sku) => {
      const key = keys.shopperHolds(sku, shopperId);
      const [ids] = await Promise.all([
        store.zrangebyscore(key, String(since), '+inf'),
        store.zremrangebyscore(key, '-inf', `(${since}`),
      ]);
      if (ids.length === 0) return [];
      const raws = await store.mget(...ids.map((id) => keys.hold(sku, id)));
      return raws.map((raw) => parseHold(raw)).filter((h): h is HoldRecord => h !== undefined);
    }),
  );
  return lists
    .flat()
    .sort((a, b) => b.createdAt - a.createdAt)
    .map(toHold);
}

/** The live holds of a product (soonest expiry first), each with its shopper's log pseudonym. */
export async function listLiveHolds(
  sku: string,
  ctx: StoreContext = appContext(),
): Promise<AdminHoldsBody['holds']> {
  const { store, keys } = ctx;
  const ids = await store.zrange(keys.holdsDue(sku), '0', '-1');
  if (ids.length === 0) return [];
  const raws = await store.mget(...ids.map((id) => keys.hold(sku, id)));
  return raws
    .map((raw) => parseHold(raw))
    .filter((h): h is HoldRecord => h?.state === 'held')
    .map((h) => ({ ...toHold(h), shopper: shopperPseudonym(ctx, sku, h.shopper) }));
}

/** The newest orders of a product (ADMIN_ORDERS_SHOWN at most), each placed or cancelled. */
export async function listOrders(
  sku: string,
  ctx: StoreContext = appContext(),
): Promise<AdminOrdersBody['orders']> {
  const { store, keys } = ctx;
  const [orders, refunds] = await Promise.all([
    store.hgetall(keys.orders(sku)),
    store.hkeys(keys.refunds(sku)),
  ]);
  const cancelled = new Set(refunds);
  return Object.entries(orders)
    .flatMap(([id, raw]) => {
      const order = parseOrder(raw);
      return order ? [{ id, order }] : [];
    })
    .sort((a, b) => b.order.at.localeCompare(a.order.at))
    .slice(0, ADMIN_ORDERS_SHOWN)
    .map(({ id, order }) => ({
      id,
      shopper: shopperPseudonym(ctx, sku, order.shopper),
      quantity: order.quantity,
      priceCents: order.priceCents,
      at: order.at,
      state: cancelled.has(id) ? ('cancelled' as const) : ('placed' as const),
    }));
}
