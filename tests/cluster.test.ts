import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restock } from '@/lib/inventory/catalogue';
import { auditOf, buyAtOnce, createProduct, tally } from './support/store';
import { startCluster, type TestCluster } from './support/cluster';

process.env.PURCHASE_MODE = 'plain';
let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startCluster();
  process.env.REDIS_CLUSTER_NODES = cluster.nodes;
});

afterAll(async () => {
  // The per-file clean-up closes the clients first (it runs before this hook's stop).
  const { closeShared } = await import('@/lib/redis/client');
  const { closeTxPools } = await import('@/lib/redis/tx-pool');
  await closeTxPools();
  closeShared();
  await cluster.stop();
});

describe('on Redis Cluster', () => {
  it('sells exactly the stock of products spread over several slots', async () => {
    const skus = await Promise.all(Array.from({ length: 6 }, () => createProduct(20)));
    const { shared } = await import('@/lib/redis/client');
    const { Cluster } = await import('ioredis');
    expect(shared().store).toBeInstanceOf(Cluster);
    const results = await Promise.all(skus.map((sku) => buyAtOnce(sku, 60)));
    for (const [i, sku] of skus.entries()) {
      expect(tally(results[i]!).purchased).toBe(20);
      expect(await auditOf(sku)).toMatchObject({ ok: true, stock: 0, sold: 20 });
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
});
