import type { AdminHoldsBody, AdminOrdersBody } from '@/lib/api-types';
import { shopperPseudonym } from '@/lib/activity/pseudonym';
import { parseHold, toHold, type HoldRecord } from '@/lib/holds/hold';
import { readPage } from '@/lib/paging';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { parseOrder } from './refund';

/**
 * The admin's lists of one product, a page at a time (`cursor` from the page before, null for
 * the first): each page costs its own size on the product's slot, not every order or hold the
 * product has, however often the admin's panels poll.
 */

/** Answers one page of a list, with the cursor of the next (null: the last page). */
type Paged<T> = { items: T; nextCursor: string | null };

/** Entries read per round trip when the order index is rebuilt. */
const BACKFILL_CHUNK = 500;

/**
 * Orders written before the order index existed are indexed once by their time: when the index
 * counts fewer orders than the hash (read in one MULTI, so a sale in between cannot fool it).
 */
async function indexOlderOrders(ctx: StoreContext, sku: string): Promise<void> {
  const { store, keys } = ctx;
  const replies = await store.multi().hlen(keys.orders(sku)).zcard(keys.orderTimes(sku)).exec();
  const [orders, indexed] = (replies ?? []).map(([, n]) => Number(n));
  if (!(Number(orders) > Number(indexed))) return;
  let cursor = '0';
  do {
    const [next, flat] = await store.hscan(keys.orders(sku), cursor, 'COUNT', BACKFILL_CHUNK);
    cursor = next;
    const pairs: (string | number)[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const at = Date.parse(parseOrder(flat[i + 1])?.at ?? '');
      if (Number.isFinite(at)) pairs.push(at, flat[i]!);
    }
    if (pairs.length) await store.zadd(keys.orderTimes(sku), 'NX', ...pairs);
  } while (cursor !== '0');
}

/** One page of a product's live holds (soonest expiry first), each with its shopper's pseudonym. */
export async function listLiveHolds(
  sku: string,
  page: { cursor: string | null; limit: number },
  ctx: StoreContext = appContext(),
): Promise<Paged<AdminHoldsBody['holds']>> {
  const { store, keys } = ctx;
  const { members, nextCursor } = await readPage(
    store,
    keys.holdsDue(sku),
    'lowest',
    page.cursor,
    page.limit,
  );
  if (members.length === 0) return { items: [], nextCursor };
  const raws = await store.mget(...members.map((id) => keys.hold(sku, id)));
  const items = raws
    .map((raw) => parseHold(raw))
    .filter((h): h is HoldRecord => h?.state === 'held')
    .map((h) => ({ ...toHold(h), shopper: shopperPseudonym(ctx, sku, h.shopper) }));
  return { items, nextCursor };
}

/** One page of a product's orders, newest first, each placed or cancelled. */
export async function listOrders(
  sku: string,
  page: { cursor: string | null; limit: number },
  ctx: StoreContext = appContext(),
): Promise<Paged<AdminOrdersBody['orders']>> {
  const { store, keys } = ctx;
  if (page.cursor === null) await indexOlderOrders(ctx, sku);
  const { members, nextCursor } = await readPage(
    store,
    keys.orderTimes(sku),
    'highest',
    page.cursor,
    page.limit,
  );
  if (members.length === 0) return { items: [], nextCursor };
  const [orders, refunds] = await Promise.all([
    store.hmget(keys.orders(sku), ...members),
    store.hmget(keys.refunds(sku), ...members),
  ]);
  const items = members.flatMap((id, i) => {
    const order = parseOrder(orders[i]);
    if (!order) return [];
    return [
      {
        id,
        shopper: shopperPseudonym(ctx, sku, order.shopper),
        quantity: order.quantity,
        priceCents: order.priceCents,
        at: order.at,
        state: refunds[i] ? ('cancelled' as const) : ('placed' as const),
      },
    ];
  });
  return { items, nextCursor };
}
