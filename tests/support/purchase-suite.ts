// The purchase's guarantees under real concurrency, run once per purchase mode (one file each).
import { describe, expect, it } from 'vitest';
import { readLog } from '@/lib/activity/read-log';
import { restock } from '@/lib/inventory/catalogue';
import { purchase } from '@/lib/inventory/purchase';
import { auditOf, buyAtOnce, createProduct, newShopperId, outcomeOf, tally } from './store';

export function purchaseSuite(mode: 'plain' | 'coalesce') {
  describe(`purchase (${mode} mode)`, () => {
    it('sells the last unit exactly once among 200 concurrent buyers', async () => {
      // Warm the connection pool first, so the 200 really overlap instead of queueing on connects.
      await buyAtOnce(await createProduct(100), 100);
      const sku = await createProduct(1);
      const results = await buyAtOnce(sku, 200);
      const counts = tally(results);
      expect(counts.purchased).toBe(1);
      expect((counts.sold_out ?? 0) + (counts.contention ?? 0)).toBe(199);
      expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 0, sold: 1, orderUnits: 1 });
      // Every request that got a purchase outcome wrote exactly one log entry.
      expect(await readLog(500, sku)).toHaveLength(200);
      // Coalesce mode decides the waiting buyers together; plain mode gives each its own try.
      const batches = results.flatMap((r) =>
        r.ok && r.response.batch > 0 ? [r.response.batch] : [],
      );
      expect(batches.length).toBeGreaterThan(0);
      if (mode === 'coalesce') expect(Math.max(...batches)).toBeGreaterThan(1);
      else expect(new Set(batches)).toEqual(new Set([1]));
    });

    it('never loses a purchase to restocks interleaved with it', async () => {
      const sku = await createProduct(100);
      const buys = buyAtOnce(sku, 400);
      const restocks = Array.from({ length: 20 }, () => restock(sku, 10));
      const [results] = await Promise.all([buys, Promise.all(restocks)]);
      const purchased = tally(results).purchased ?? 0;
      const row = await auditOf(sku);
      expect(row).toMatchObject({
        ok: true,
        totalStock: 300,
        sold: purchased,
        orderUnits: purchased,
      });
      expect(row.stock).toBe(300 - purchased);
    });

    it('buys once for concurrent repeats of one Idempotency-Key', async () => {
      const sku = await createProduct(10);
      const shopperId = newShopperId();
      const results = await buyAtOnce(sku, 40, () => ({ shopperId, idempotencyKey: 'click-1' }));
      const bought = results.filter((r) => r.ok && r.response.outcome === 'purchased');
      const orderIds = new Set(bought.map((r) => (r.ok ? r.response.orderId : '')));
      expect(orderIds.size).toBe(1);
      expect(bought.filter((r) => r.ok && !r.response.replay)).toHaveLength(1);
      expect(results.every((r) => ['purchased', 'contention'].includes(outcomeOf(r)))).toBe(true);
      expect(await auditOf(sku)).toMatchObject({ ok: true, sold: 1 });
      // A later repeat answers the same order; another quantity under the key is refused.
      const again = await purchase({ sku, shopperId, quantity: 1, idempotencyKey: 'click-1' });
      expect(again).toMatchObject({
        ok: true,
        response: { outcome: 'purchased', orderId: [...orderIds][0], replay: true },
      });
      expect(await purchase({ sku, shopperId, quantity: 2, idempotencyKey: 'click-1' })).toEqual({
        ok: false,
        reason: 'idempotency_mismatch',
      });
    });

    it('keeps a refused key free: a retry after a restock buys', async () => {
      const sku = await createProduct(0);
      const shopperId = newShopperId();
      const first = await purchase({ sku, shopperId, quantity: 1, idempotencyKey: 'later' });
      expect(outcomeOf(first)).toBe('sold_out');
      await restock(sku, 1);
      const second = await purchase({ sku, shopperId, quantity: 1, idempotencyKey: 'later' });
      expect(outcomeOf(second)).toBe('purchased');
    });

    it('holds every shopper to the per-shopper limit under concurrency', async () => {
      const sku = await createProduct(1000, 3);
      const shoppers = Array.from({ length: 10 }, newShopperId);
      const results = await buyAtOnce(sku, 200, (i) => ({ shopperId: shoppers[i % 10] }));
      const counts = tally(results);
      expect(counts.purchased).toBe(30);
      expect((counts.limit_reached ?? 0) + (counts.contention ?? 0)).toBe(170);
      expect(await auditOf(sku)).toMatchObject({ ok: true, sold: 30 });
    });

    it('answers not_started and ended from the window, before the stock', async () => {
      const sku = await createProduct(0);
      const { upsertProduct } = await import('@/lib/inventory/catalogue');
      const base = { name: 'w', priceCents: 1, stock: 0, limitPerShopper: 1 };
      await upsertProduct(sku, {
        ...base,
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect(outcomeOf(await purchase({ sku, shopperId: newShopperId(), quantity: 1 }))).toBe(
        'not_started',
      );
      await upsertProduct(sku, {
        ...base,
        startsAt: new Date(Date.now() - 7_200_000).toISOString(),
        endsAt: new Date(Date.now() - 3_600_000).toISOString(),
      });
      expect(outcomeOf(await purchase({ sku, shopperId: newShopperId(), quantity: 1 }))).toBe(
        'ended',
      );
    });

    it('refuses a quantity larger than the stock left', async () => {
      const sku = await createProduct(2);
      const result = await purchase({ sku, shopperId: newShopperId(), quantity: 3 });
      expect(result).toMatchObject({
        ok: true,
        response: { outcome: 'insufficient_stock', remaining: 2 },
      });
    });
  });
}
