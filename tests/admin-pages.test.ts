// The admin's orders and holds come a page at a time: every order once across the pages (orders
// decided in the same millisecond too), newest first; holds soonest first; a bad cursor is a 400;
// orders stored before the order index existed are found all the same.
import { describe, expect, it } from 'vitest';
import { GET as holdsRoute } from '@/app/api/admin/products/[sku]/holds/route';
import { GET as ordersRoute } from '@/app/api/admin/products/[sku]/orders/route';
import { placeHold } from '@/lib/holds/place';
import { listOrders } from '@/lib/inventory/admin-lists';
import { refundOrder } from '@/lib/inventory/refund';
import { appContext } from '@/lib/redis/client';
import { adminCookie, params, req } from './support/http';
import { createHoldProduct } from './support/holds';
import { buyAtOnce, createProduct, newShopperId } from './support/store';

type Listed = { id: string; at?: string; expiresAt?: string; state?: string };

/** Every page of `list` of `sku` through the route, with the page size asked. */
async function allPages(kind: 'orders' | 'holds', sku: string, limit: number) {
  const route = kind === 'orders' ? ordersRoute : holdsRoute;
  const cookie = await adminCookie();
  const pages: Listed[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await route(
      req(`/api/admin/products/${sku}/${kind}${query}`, { headers: { cookie } }),
      params(sku),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { nextCursor: string | null };
    pages.push(body[kind] as Listed[]);
    cursor = body.nextCursor;
  } while (cursor);
  return pages;
}

describe('paged admin lists', () => {
  it('120 orders in pages of 50: each once, newest first, a refund shown on its row', async () => {
    const sku = await createProduct(1000);
    const results = await buyAtOnce(sku, 120);
    const ids = results.flatMap((r) => (r.ok && r.response.orderId ? [r.response.orderId] : []));
    expect(ids).toHaveLength(120);
    await refundOrder(sku, ids[7]!);
    const pages = await allPages('orders', sku, 50);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    const listed = pages.flat();
    expect(new Set(listed.map((o) => o.id))).toEqual(new Set(ids));
    const times = listed.map((o) => Date.parse(o.at!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(listed.find((o) => o.id === ids[7])?.state).toBe('cancelled');
    expect(listed.filter((o) => o.state === 'cancelled')).toHaveLength(1);
  });

  it('live holds in pages, soonest expiry first', async () => {
    const sku = await createHoldProduct(100);
    await Promise.all(
      Array.from({ length: 70 }, () => placeHold({ sku, shopperId: newShopperId(), quantity: 1 })),
    );
    const pages = await allPages('holds', sku, 50);
    expect(pages.map((p) => p.length)).toEqual([50, 20]);
    const expiries = pages.flat().map((h) => Date.parse(h.expiresAt!));
    expect(expiries).toEqual([...expiries].sort((a, b) => a - b));
    expect(new Set(pages.flat().map((h) => h.id)).size).toBe(70);
  });

  it('a cursor that is not one is a 400', async () => {
    const sku = await createProduct(1);
    const res = await ordersRoute(
      req(`/api/admin/products/${sku}/orders?cursor=abc`, {
        headers: { cookie: await adminCookie() },
      }),
      params(sku),
    );
    expect(res.status).toBe(400);
  });

  it('orders stored before the order index are indexed by the first page', async () => {
    const sku = await createProduct(100);
    await buyAtOnce(sku, 30);
    const { store, keys } = appContext();
    await store.del(keys.orderTimes(sku));
    const first = await listOrders(sku, { cursor: null, limit: 20 });
    expect(first.items).toHaveLength(20);
    expect(await store.zcard(keys.orderTimes(sku))).toBe(30);
  });
});
