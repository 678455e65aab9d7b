// Holds at checkout through the lib and the routes: placement like a purchase (limit, buckets,
// Idempotency-Key), every way a hold ends, all_in_carts and the sold-out memory, refunds, the
// shopper's and the admin's lists, and the audit's books (stock + held + sold = totalStock).
import { describe, expect, it } from 'vitest';
import { GET as adminHoldsRoute } from '@/app/api/admin/products/[sku]/holds/route';
import { POST as releaseRoute } from '@/app/api/admin/products/[sku]/holds/[id]/release/route';
import { GET as ordersRoute } from '@/app/api/admin/products/[sku]/orders/route';
import { POST as refundRoute } from '@/app/api/admin/products/[sku]/orders/[orderId]/cancel/route';
import { GET as meRoute } from '@/app/api/me/route';
import { POST as cancelRoute } from '@/app/api/products/[sku]/holds/[id]/cancel/route';
import { POST as orderRoute } from '@/app/api/products/[sku]/holds/[id]/order/route';
import { GET as holdRoute } from '@/app/api/products/[sku]/holds/[id]/route';
import { POST as holdsRoute } from '@/app/api/products/[sku]/holds/route';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { SHORT_SHOPPER_LENGTH, type Hold, type HoldResponse } from '@/lib/api-types';
import { getProduct, upsertProduct } from '@/lib/inventory/catalogue';
import { purchase } from '@/lib/inventory/purchase';
import { deleteProduct } from '@/lib/inventory/retire';
import { isKnownSoldOut } from '@/lib/inventory/sold-out-cache';
import { endHold } from '@/lib/holds/end';
import { placeHold } from '@/lib/holds/place';
import { sweepHolds } from '@/lib/holds/sweeper';
import { appContext } from '@/lib/redis/client';
import { adminCookie, req, shopperCookie } from './support/http';
import { createHoldProduct, makeDue } from './support/holds';
import { auditOf, createProduct, newShopperId } from './support/store';

process.env.PURCHASE_RATE_POINTS = '100000';

const at = (sku: string, id?: string, orderId?: string) => ({
  params: Promise.resolve({ sku, id: id ?? '', orderId: orderId ?? '' }),
});

async function hold(
  sku: string,
  shopperId = newShopperId(),
  quantity = 1,
  idempotencyKey?: string,
) {
  const result = await placeHold({ sku, shopperId, quantity, idempotencyKey });
  if (!result.ok) throw new Error(result.reason);
  return result.response;
}

const heldId = (r: HoldResponse) => r.hold!.id;

describe('placing a hold', () => {
  it('takes units from the sale into carts; the books still add up', async () => {
    const sku = await createHoldProduct(5, { holdSeconds: 120 });
    const placed = await hold(sku, newShopperId(), 2);
    expect(placed).toMatchObject({ outcome: 'held', quantity: 2, remaining: 3 });
    expect(placed.hold).toMatchObject({ state: 'held', quantity: 2, priceCents: 1000 });
    const { createdAt, expiresAt } = placed.hold!;
    expect(Date.parse(expiresAt) - Date.parse(createdAt)).toBe(120_000);
    expect(await getProduct(sku)).toMatchObject({ stock: 3, held: 2, sold: 0, status: 'live' });
    expect(await auditOf(sku)).toMatchObject({ ok: true, held: 2, holdUnits: 2, stuckHolds: 0 });
  });

  it('counts held and bought units against the limit, and gives the quota back on cancel', async () => {
    const sku = await createHoldProduct(5, { limitPerShopper: 1 });
    const shopper = newShopperId();
    const first = await hold(sku, shopper);
    expect((await hold(sku, shopper)).outcome).toBe('limit_reached');
    expect((await endHold(sku, heldId(first), 'cancel', shopper)).ok).toBe(true);
    const again = await hold(sku, shopper);
    expect(again.outcome).toBe('held');
    expect((await endHold(sku, heldId(again), 'order', shopper)).ok).toBe(true);
    expect((await hold(sku, shopper)).outcome).toBe('limit_reached');
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 4, held: 0, sold: 1 });
  });

  it('holds once per Idempotency-Key: a repeat answers the same hold', async () => {
    const sku = await createHoldProduct(5);
    const shopper = newShopperId();
    const first = await hold(sku, shopper, 1, 'k-1');
    const repeat = await hold(sku, shopper, 1, 'k-1');
    expect(repeat).toMatchObject({ outcome: 'held', replay: true });
    expect(repeat.hold?.id).toBe(first.hold?.id);
    const other = await placeHold({ sku, shopperId: shopper, quantity: 2, idempotencyKey: 'k-1' });
    expect(other).toEqual({ ok: false, reason: 'idempotency_mismatch' });
    expect(await auditOf(sku)).toMatchObject({ ok: true, held: 1 });
  });

  it('holds exactly the stock among many concurrent shoppers, across buckets', async () => {
    const sku = await createHoldProduct(40, { buckets: 4 });
    const results = await Promise.all(Array.from({ length: 120 }, () => hold(sku)));
    const held = results.filter((r) => r.outcome === 'held').length;
    expect(held).toBe(40);
    const refusals = new Set(results.filter((r) => r.outcome !== 'held').map((r) => r.outcome));
    // Nothing on sale, 40 in carts: never "sold out".
    expect([...refusals]).toEqual(['all_in_carts']);
    expect(await auditOf(sku)).toMatchObject({
      ok: true,
      stock: 0,
      held: 40,
      buckets: [0, 0, 0, 0],
    });
  });

  it('is refused on an instant product, and a purchase is refused on a held one', async () => {
    const cookie = await shopperCookie();
    const instant = await createProduct(3);
    const res = await holdsRoute(
      req(`/api/products/${instant}/holds`, { method: 'POST', headers: { cookie } }),
      at(instant),
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'wrong_checkout_mode' } });
    const held = await createHoldProduct(3);
    const buy = await purchaseRoute(
      req(`/api/products/${held}/purchase`, { method: 'POST', headers: { cookie } }),
      at(held),
    );
    expect(buy.status).toBe(409);
    expect(await buy.json()).toMatchObject({ error: { code: 'hold_required' } });
    expect(await auditOf(held)).toMatchObject({ ok: true, stock: 3, sold: 0, held: 0 });
  });
});

describe('all in carts', () => {
  it('is never sold out while units are held, nor remembered as sold out', async () => {
    const sku = await createHoldProduct(1);
    const placed = await hold(sku);
    // An instant sale of the same product (switched back while a hold is live) sees the cart too.
    await upsertProduct(sku, {
      name: 'Switched',
      priceCents: 1000,
      stock: 0,
      limitPerShopper: 5,
      checkoutMode: 'instant',
    });
    for (let i = 0; i < 3; i++) {
      const result = await purchase({ sku, shopperId: newShopperId(), quantity: 1 });
      expect(result.ok && result.response.outcome).toBe('all_in_carts');
    }
    expect(isKnownSoldOut(appContext(), sku)).toBe(false);
    expect((await getProduct(sku))?.status).toBe('live');
    // The hold ends without an order: the unit is back on sale and sells.
    await endHold(sku, heldId(placed), 'release', undefined);
    const bought = await purchase({ sku, shopperId: newShopperId(), quantity: 1 });
    expect(bought.ok && bought.response.outcome).toBe('purchased');
    const after = await purchase({ sku, shopperId: newShopperId(), quantity: 1 });
    expect(after.ok && after.response.outcome).toBe('sold_out');
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 0, held: 0, sold: 1 });
  });
});

describe('ending a hold', () => {
  it('Place order: once, a repeat is a replay, a cancel after it is refused', async () => {
    const sku = await createHoldProduct(3);
    const cookie = await shopperCookie();
    const placedRes = await holdsRoute(
      req(`/api/products/${sku}/holds`, {
        method: 'POST',
        headers: { cookie },
        json: { quantity: 2 },
      }),
      at(sku),
    );
    expect(placedRes.status).toBe(200);
    const { hold: placed } = (await placedRes.json()) as HoldResponse;
    const id = placed!.id;
    const order = () =>
      orderRoute(
        req(`/api/products/${sku}/holds/${id}/order`, { method: 'POST', headers: { cookie } }),
        at(sku, id),
      );
    const first = await order();
    expect(first.status).toBe(200);
    const body = (await first.json()) as { orderId: string; hold: Hold };
    expect(body).toMatchObject({
      outcome: 'ordered',
      hold: { state: 'ordered', endedBy: 'shopper' },
    });
    expect(body.hold.orderId).toBe(body.orderId);
    const repeat = await order();
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({
      outcome: 'ordered',
      replay: true,
      orderId: body.orderId,
    });
    const cancel = await cancelRoute(
      req(`/api/products/${sku}/holds/${id}/cancel`, { method: 'POST', headers: { cookie } }),
      at(sku, id),
    );
    expect(cancel.status).toBe(409);
    expect(await cancel.json()).toMatchObject({
      error: { code: 'hold_ordered' },
      hold: { state: 'ordered' },
    });
    expect(await auditOf(sku)).toMatchObject({
      ok: true,
      stock: 1,
      held: 0,
      sold: 2,
      orderUnits: 2,
    });
  });

  it('Cancel: units back, a repeat is a replay, an order after it is refused', async () => {
    const sku = await createHoldProduct(3);
    const shopper = newShopperId();
    const id = heldId(await hold(sku, shopper, 3));
    const cancelled = await endHold(sku, id, 'cancel', shopper);
    expect(cancelled).toMatchObject({ ok: true, outcome: 'cancelled', replay: false });
    expect(await endHold(sku, id, 'cancel', shopper)).toMatchObject({ ok: true, replay: true });
    expect(await endHold(sku, id, 'order', shopper)).toMatchObject({
      ok: false,
      reason: 'hold_cancelled',
    });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 3, held: 0, sold: 0 });
  });

  it('another session, an unknown id: 403 not_your_hold, 404 hold_not_found', async () => {
    const sku = await createHoldProduct(3);
    const owner = await shopperCookie();
    const other = await shopperCookie();
    const res = await holdsRoute(
      req(`/api/products/${sku}/holds`, { method: 'POST', headers: { cookie: owner } }),
      at(sku),
    );
    const id = ((await res.json()) as HoldResponse).hold!.id;
    const read = (cookie: string, holdId: string) =>
      holdRoute(
        req(`/api/products/${sku}/holds/${holdId}`, { headers: { cookie } }),
        at(sku, holdId),
      );
    expect((await read(owner, id)).status).toBe(200);
    expect(await (await read(other, id)).json()).toMatchObject({
      error: { code: 'not_your_hold' },
    });
    const stolen = await orderRoute(
      req(`/api/products/${sku}/holds/${id}/order`, { method: 'POST', headers: { cookie: other } }),
      at(sku, id),
    );
    expect(stolen.status).toBe(403);
    const unknown = await read(owner, 'no-such-hold');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'hold_not_found' } });
    expect(await auditOf(sku)).toMatchObject({ ok: true, held: 1 });
  });

  it('expiry: the sweep returns the units and the quota; a late order is told hold_expired', async () => {
    const sku = await createHoldProduct(2, { limitPerShopper: 1 });
    const shopper = newShopperId();
    const id = heldId(await hold(sku, shopper));
    expect(await sweepHolds(appContext())).toBe(0);
    await makeDue(sku, id);
    expect(await auditOf(sku)).toMatchObject({ ok: true, held: 1 });
    expect(await sweepHolds(appContext())).toBe(1);
    expect(await getProduct(sku)).toMatchObject({ stock: 2, held: 0 });
    const late = await endHold(sku, id, 'order', shopper);
    expect(late).toMatchObject({
      ok: false,
      reason: 'hold_expired',
      hold: { state: 'expired', endedBy: 'expiry' },
    });
    // The quota is back: the shopper may hold again.
    expect((await hold(sku, shopper)).outcome).toBe('held');
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 1, held: 1, stuckHolds: 0 });
  });

  it('a due hold not swept yet: Place order expires it itself and says so', async () => {
    const sku = await createHoldProduct(2);
    const shopper = newShopperId();
    const id = heldId(await hold(sku, shopper));
    await makeDue(sku, id);
    const late = await endHold(sku, id, 'order', shopper);
    expect(late).toMatchObject({ ok: false, reason: 'hold_expired', hold: { state: 'expired' } });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 2, held: 0, sold: 0 });
    expect(await sweepHolds(appContext())).toBe(0);
  });

  it('the audit counts a hold past its expiry and the grace as stuck until it is swept', async () => {
    const sku = await createHoldProduct(2);
    const id = heldId(await hold(sku));
    const { store, keys } = appContext();
    const raw = JSON.parse((await store.get(keys.hold(sku, id)))!) as { expiresAt: number };
    const longAgo = Date.now() - 60_000;
    await store.set(keys.hold(sku, id), JSON.stringify({ ...raw, expiresAt: longAgo }));
    await store.zadd(keys.holdsDue(sku), longAgo, id);
    // Not in the due index at that time (as if the index write had been lost): the audit repairs it.
    expect(await auditOf(sku)).toMatchObject({ ok: true, stuckHolds: 1 });
    await sweepHolds(appContext());
    expect(await auditOf(sku)).toMatchObject({ ok: true, stuckHolds: 0, stock: 2 });
  });

  it('an admin lists live holds and releases one (endedBy admin)', async () => {
    const sku = await createHoldProduct(3);
    const id = heldId(await hold(sku, newShopperId(), 2));
    const admin = await adminCookie();
    const list = await adminHoldsRoute(
      req(`/api/admin/products/${sku}/holds`, { headers: { cookie: admin } }),
      at(sku),
    );
    const { holds } = (await list.json()) as { holds: (Hold & { shopper: string })[] };
    expect(holds).toHaveLength(1);
    expect(holds[0]).toMatchObject({ id, quantity: 2, state: 'held' });
    expect(holds[0]!.shopper).toHaveLength(SHORT_SHOPPER_LENGTH);
    const release = () =>
      releaseRoute(
        req(`/api/admin/products/${sku}/holds/${id}/release`, {
          method: 'POST',
          headers: { cookie: admin },
        }),
        at(sku, id),
      );
    const first = await release();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'cancelled', hold: { endedBy: 'admin' } });
    expect(await (await release()).json()).toMatchObject({ replay: true });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 3, held: 0 });
  });

  it("/api/me lists the shopper's live and recently ended holds", async () => {
    const sku = await createHoldProduct(3);
    const cookie = await shopperCookie();
    const place = () =>
      holdsRoute(
        req(`/api/products/${sku}/holds`, { method: 'POST', headers: { cookie } }),
        at(sku),
      );
    const a = ((await (await place()).json()) as HoldResponse).hold!.id;
    const b = ((await (await place()).json()) as HoldResponse).hold!.id;
    await cancelRoute(
      req(`/api/products/${sku}/holds/${a}/cancel`, { method: 'POST', headers: { cookie } }),
      at(sku, a),
    );
    const me = (await (await meRoute(req('/api/me', { headers: { cookie } }))).json()) as {
      units: Record<string, number>;
      holds: Hold[];
    };
    expect(me.units[sku]).toBe(1);
    const byId = Object.fromEntries(me.holds.map((h) => [h.id, h.state]));
    expect(byId).toEqual({ [a]: 'cancelled', [b]: 'held' });
  });

  it('a product with units in carts cannot be deleted', async () => {
    const sku = await createHoldProduct(3);
    await hold(sku);
    expect(await deleteProduct(sku)).toEqual({ ok: false, reason: 'has_orders' });
  });
});

describe('cancelling an order (refund)', () => {
  it('gives the units back exactly once; twice is 409, unknown 404; the admin sees it cancelled', async () => {
    const sku = await createHoldProduct(4, { limitPerShopper: 2 });
    const shopper = newShopperId();
    const id = heldId(await hold(sku, shopper, 2));
    const ordered = await endHold(sku, id, 'order', shopper);
    const orderId = ordered.ok ? ordered.hold.orderId! : '';
    const admin = await adminCookie();
    const refund = (oid: string) =>
      refundRoute(
        req(`/api/admin/products/${sku}/orders/${oid}/cancel`, {
          method: 'POST',
          headers: { cookie: admin },
        }),
        at(sku, undefined, oid),
      );
    const first = await refund(orderId);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'refunded', orderId, quantity: 2 });
    const second = await refund(orderId);
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'order_cancelled' } });
    expect((await refund('no-such-order')).status).toBe(404);
    expect(await auditOf(sku)).toMatchObject({
      ok: true,
      stock: 4,
      sold: 0,
      held: 0,
      orderUnits: 0,
    });
    const list = await ordersRoute(
      req(`/api/admin/products/${sku}/orders`, { headers: { cookie: admin } }),
      at(sku),
    );
    expect(await list.json()).toMatchObject({
      orders: [{ id: orderId, quantity: 2, state: 'cancelled' }],
    });
    // The quota came back with the units.
    expect((await hold(sku, shopper, 2)).outcome).toBe('held');
  });

  it('refunds an instant purchase too', async () => {
    const sku = await createProduct(2);
    const bought = await purchase({ sku, shopperId: newShopperId(), quantity: 1 });
    const orderId = bought.ok ? bought.response.orderId! : '';
    const admin = await adminCookie();
    const res = await refundRoute(
      req(`/api/admin/products/${sku}/orders/${orderId}/cancel`, {
        method: 'POST',
        headers: { cookie: admin },
      }),
      at(sku, undefined, orderId),
    );
    expect(res.status).toBe(200);
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 2, sold: 0 });
  });
});
