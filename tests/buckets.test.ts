// Stock buckets with two instances (two store contexts: each its own instance number, admission,
// connections): instances prefer their own bucket, the last units sell exactly across buckets,
// and the shopper's limit and idempotency stay exact across instances.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { audit } from '@/lib/inventory/audit';
import { adoptBuckets, restock, upsertProduct } from '@/lib/inventory/catalogue';
import { purchase, type PurchaseResult } from '@/lib/inventory/purchase';
import { closeStoreContext, createStoreContext, type StoreContext } from '@/lib/redis/client';
import { newShopperId, tally } from './support/store';

const admin = new Redis(process.env.REDIS_URL!);
const [one, two] = [0, 1].map(() => createStoreContext(parseConfig({ ...process.env }))) as [
  StoreContext,
  StoreContext,
];

afterAll(async () => {
  await Promise.all([closeStoreContext(one), closeStoreContext(two)]);
  admin.disconnect();
});

async function createBucketed(stock: number, buckets: number, limitPerShopper = 1000) {
  const sku = `b-${randomBytes(4).toString('hex')}`;
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  const body = { name: sku, priceCents: 100, stock, limitPerShopper, startsAt, buckets };
  await upsertProduct(sku, body, one);
  return sku;
}

async function bucketsOf(sku: string, count: number): Promise<number[]> {
  const keys = Array.from({ length: count }, (_, i) => one.keys.bucket(sku, i));
  return (await admin.mget(...keys)).map((v) => Number(v ?? 0));
}

async function auditRow(sku: string) {
  return (await audit(one)).products.find((p) => p.sku === sku);
}

const buy = (ctx: StoreContext, sku: string, shopperId = newShopperId(), idempotencyKey?: string) =>
  purchase({ sku, shopperId, quantity: 1, idempotencyKey }, ctx);

describe('stock buckets across two instances', () => {
  it('spreads the stock evenly and lets each instance sell from a bucket of its own', async () => {
    const sku = await createBucketed(10, 4);
    expect(await bucketsOf(sku, 4)).toEqual([3, 3, 2, 2]);
    await buy(one, sku);
    await buy(two, sku);
    const after = await bucketsOf(sku, 4);
    // Consecutive instance numbers: the two instances took a unit from two different buckets.
    expect(after.reduce((a, b) => a + b, 0)).toBe(8);
    expect(after.filter((units, i) => units < [3, 3, 2, 2][i]!)).toHaveLength(2);
    expect(await auditRow(sku)).toMatchObject({ ok: true, stock: 8, sold: 2 });
  });

  it('sells exactly 1,000 units in 8 buckets to 256 buyers over two instances, none stranded', async () => {
    const sku = await createBucketed(1000, 8);
    const outcomes: PurchaseResult[] = [];
    // 256 buyers, half on each instance, each buying until the product is sold out.
    await Promise.all(
      Array.from({ length: 256 }, async (_, i) => {
        const ctx = i % 2 ? two : one;
        for (;;) {
          const result = await buy(ctx, sku);
          outcomes.push(result);
          if (!result.ok || result.response.outcome !== 'purchased') {
            if (result.ok && result.response.outcome === 'contention') continue;
            return;
          }
        }
      }),
    );
    const counts = tally(outcomes);
    const conflicts = outcomes.reduce((n, r) => n + (r.ok ? r.response.conflicts : 0), 0);
    console.log(
      `8 buckets, 2 instances, 256 buyers: ${JSON.stringify(counts)}, conflicts ${conflicts}`,
    );
    expect(counts.purchased).toBe(1000);
    expect(await bucketsOf(sku, 8)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await auditRow(sku)).toMatchObject({ ok: true, stock: 0, sold: 1000, orderUnits: 1000 });
  });

  it('holds a shopper to the limit across instances and buckets', async () => {
    const sku = await createBucketed(100, 2, 3);
    const shopperId = newShopperId();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => buy(i % 2 ? two : one, sku, shopperId)),
    );
    expect(tally(results).purchased).toBe(3);
    expect(await auditRow(sku)).toMatchObject({ ok: true, sold: 3 });
  });

  it('buys once for one Idempotency-Key repeated on both instances at once', async () => {
    const sku = await createBucketed(100, 2);
    const shopperId = newShopperId();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => buy(i % 2 ? two : one, sku, shopperId, 'once')),
    );
    const orders = new Set(
      results.flatMap((r) =>
        r.ok && r.response.outcome === 'purchased' ? [r.response.orderId] : [],
      ),
    );
    expect(orders.size).toBe(1);
    expect(await auditRow(sku)).toMatchObject({ ok: true, sold: 1 });
  });

  it('restocks and re-buckets evenly while the units add up', async () => {
    const sku = await createBucketed(3, 4);
    await restock(sku, 7, two);
    expect(await bucketsOf(sku, 4)).toEqual([3, 3, 2, 2]);
    const body = { name: sku, priceCents: 100, stock: 0, limitPerShopper: 1000, buckets: 3 };
    const { product } = await upsertProduct(sku, body, two);
    expect(product).toMatchObject({ stock: 10, buckets: 3 });
    expect(await bucketsOf(sku, 4)).toEqual([4, 3, 3, 0]);
    // An instance that still thinks the product has 4 buckets learns the new count and sells.
    expect(await buy(one, sku)).toMatchObject({ response: { outcome: 'purchased', remaining: 9 } });
    expect(await auditRow(sku)).toMatchObject({ ok: true, stock: 9, buckets: expect.any(Array) });
  });

  it('gives a product stored before buckets one bucket holding its stock', async () => {
    const sku = await createBucketed(5, 1);
    // The shape of a product written before buckets: no `buckets` field and no bucket key.
    await admin.hdel(one.keys.product(sku), 'buckets');
    await admin.del(one.keys.bucket(sku, 0));
    expect(await adoptBuckets(one)).toBeGreaterThanOrEqual(1);
    expect(await buy(two, sku)).toMatchObject({ response: { outcome: 'purchased', remaining: 4 } });
    expect(await auditRow(sku)).toMatchObject({ ok: true, stock: 4, buckets: [4] });
  });
});
