import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { purchase } from '@/lib/inventory/purchase';
import { StoreUnavailableError } from '@/lib/redis/errors';
import { txConnectionName } from '@/lib/redis/tx-pool';
import { auditOf, createProduct, newShopperId } from './support/store';
import { configureApp } from './support/app-config';

configureApp({ PURCHASE_MODE: 'plain' });

/** Kills transaction connections (CLIENT KILL ID) until `stop` is set; returns how many. */
async function killTransactionConnections(admin: Redis, stop: { done: boolean }): Promise<number> {
  let killed = 0;
  while (!stop.done) {
    const list = (await admin.client('LIST')) as string;
    const ids = list
      .split('\n')
      .filter((line) => line.includes(`name=${txConnectionName(process.env.REDIS_PREFIX!)} `))
      .map((line) => /id=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    // Kill about a third of them each round, so purchases still make progress in between.
    for (const id of ids.filter((_, i) => i % 3 === killed % 3)) {
      killed += Number(await admin.client('KILL', 'ID', id));
    }
    await new Promise((r) => setImmediate(r));
  }
  return killed;
}

describe('transaction connections killed under load', () => {
  it('never oversells and answers every attempt with an outcome or a clear error', async () => {
    const sku = await createProduct(300);
    const admin = new Redis(process.env.REDIS_URL!);
    const stop = { done: false };
    const killer = killTransactionConnections(admin, stop);
    const settled = await Promise.allSettled(
      Array.from({ length: 600 }, () => purchase({ sku, shopperId: newShopperId(), quantity: 1 })),
    );
    stop.done = true;
    const killed = await killer;
    admin.disconnect();

    const purchased = settled.filter(
      (s) => s.status === 'fulfilled' && s.value.ok && s.value.response.outcome === 'purchased',
    );
    const failed = settled.filter((s) => s.status === 'rejected');
    for (const s of failed)
      expect((s as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    for (const s of settled) {
      if (s.status === 'fulfilled')
        expect(
          s.value.ok && ['purchased', 'sold_out', 'contention'].includes(s.value.response.outcome),
        ).toBe(true);
    }
    const row = await auditOf(sku);
    console.log(
      `killed ${killed} transaction connections; purchased ${purchased.length}, errors ${failed.length}, sold ${row.sold}`,
    );
    expect(killed).toBeGreaterThan(0);
    expect(row.ok).toBe(true);
    expect(row.sold).toBeLessThanOrEqual(300);
    // Every reported purchase is stored; a purchase is only unreported when its request errored.
    expect(row.sold).toBeGreaterThanOrEqual(purchased.length);
    expect(row.sold).toBeLessThanOrEqual(purchased.length + failed.length);
  });
});
