import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { restock } from '@/lib/inventory/catalogue';
import { auditOf, buyAtOnce, createProduct, outcomeOf, tally } from './support/store';
import { startCluster, type TestCluster } from './support/cluster';
import { configureApp } from './support/app-config';
import { createHoldProduct, makeDue } from './support/holds';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startCluster();
  configureApp({ PURCHASE_MODE: 'plain', REDIS_CLUSTER_NODES: cluster.nodes });
});

afterAll(async () => {
  // vitest runs this file's afterAll before the per-file clean-up's: close the clients here,
  // before the cluster goes (the per-file clean-up then finds nothing to close).
  const { closeAppContext } = await import('@/lib/redis/client');
  await closeAppContext();
  await cluster.stop();
});

/** A buyer answered `contention` (503, try again) tries again, as a client would, until decided. */
async function buyUntilDecided(sku: string) {
  for (;;) {
    const [result] = await buyAtOnce(sku, 1);
    if (outcomeOf(result!) !== 'contention') return result!;
  }
}

describe('on Redis Cluster', () => {
  it('sells exactly the stock of products spread over several slots', async () => {
    const skus = await Promise.all(Array.from({ length: 6 }, () => createProduct(20)));
    const { appContext } = await import('@/lib/redis/client');
    const { Cluster } = await import('ioredis');
    expect(appContext().store).toBeInstanceOf(Cluster);
    // Plain mode on a loaded machine may answer some buyers `contention`; they come back.
    const results = await Promise.all(
      skus.map((sku) => Promise.all(Array.from({ length: 60 }, () => buyUntilDecided(sku)))),
    );
    for (const [i, sku] of skus.entries()) {
      expect(tally(results[i]!).purchased).toBe(20);
      expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 0, sold: 20 });
    }
  });

  it('gives transaction connections TX_COMMAND_TIMEOUT_MS and fences one on its own master', async () => {
    const { closeStoreContext, createStoreContext } = await import('@/lib/redis/client');
    const ctx = createStoreContext(parseConfig({ ...process.env, TX_COMMAND_TIMEOUT_MS: '1234' }));
    try {
      // Keys of several slots, so more than one master is asked.
      for (const sku of ['a', 'b', 'c', 'd']) {
        const lease = await ctx.tx.acquire(ctx.keys.product(sku));
        expect(lease.conn.options.commandTimeout).toBe(1234);
        const ended = once(lease.conn, 'end');
        await lease.fence();
        await ended;
        lease.discard();
      }
    } finally {
      await closeStoreContext(ctx);
    }
  });

  it('restocks watched on the slot owner while purchases run', async () => {
    const sku = await createProduct(50);
    const [results] = await Promise.all([
      buyAtOnce(sku, 150),
      Promise.all(Array.from({ length: 5 }, () => restock(sku, 10))),
    ]);
    const purchased = tally(results).purchased ?? 0;
    expect(await auditOf(sku)).toMatchObject({ ok: true, totalStock: 100, sold: purchased });
  });

  it('holds, Place order, Cancel, an expiry sweep, a refund and /api/me, on the slot owner', async () => {
    const { appContext } = await import('@/lib/redis/client');
    const { placeHold } = await import('@/lib/holds/place');
    const { endHold } = await import('@/lib/holds/end');
    const { sweepHolds } = await import('@/lib/holds/sweeper');
    const { refundOrder } = await import('@/lib/inventory/refund');
    const { readShopperHolds } = await import('@/lib/holds/list');
    const { newShopperId } = await import('./support/store');
    const sku = await createHoldProduct(10, { buckets: 2 });
    const shopper = newShopperId();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await placeHold({ sku, shopperId: shopper, quantity: 2 });
      if (r.ok && r.response.hold) ids.push(r.response.hold.id);
    }
    const [a, b, c] = ids as [string, string, string];
    const ordered = await endHold(sku, a, 'order', shopper);
    expect(ordered).toMatchObject({ ok: true, outcome: 'ordered' });
    expect(await endHold(sku, b, 'cancel', shopper)).toMatchObject({ ok: true });
    await makeDue(sku, c);
    expect(await sweepHolds(appContext())).toBe(1);
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 8, held: 0, sold: 2 });
    expect(await refundOrder(sku, ordered.ok ? ordered.hold.orderId! : '')).toMatchObject({
      ok: true,
    });
    expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 10, held: 0, sold: 0 });
    expect((await readShopperHolds(shopper)).map((h) => h.state).sort()).toEqual([
      'cancelled',
      'expired',
      'ordered',
    ]);
  });
});
