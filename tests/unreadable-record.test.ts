// A damaged idempotency record fails its own purchase (500, logged) and nothing else: the other
// requests decided in the same transaction are answered as if it had not been there.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sellBatch } from '@/lib/inventory/sell';
import { purchase } from '@/lib/inventory/purchase';
import { appContext } from '@/lib/redis/client';
import { StoreCommandError } from '@/lib/redis/errors';
import { auditOf, createProduct, newShopperId } from './support/store';

/** A shopper whose Idempotency-Key `key` of `sku` holds `raw` instead of a record. */
async function damagedKey(sku: string, raw: string) {
  const ctx = appContext();
  const shopperId = newShopperId();
  const key = `key-${randomBytes(4).toString('hex')}`;
  await ctx.store.set(ctx.keys.idempotency(sku, shopperId, key), raw);
  return { shopperId, key };
}

const request = (sku: string, shopperId: string, idempotencyKey?: string) => ({
  sku,
  shopperId,
  quantity: 1,
  orderId: randomBytes(8).toString('hex'),
  ...(idempotencyKey ? { idempotencyKey } : {}),
});

describe('an idempotency record that cannot be read', () => {
  it('fails only its own request of a batch; the others are sold', async () => {
    const sku = await createProduct(10);
    const bad = await damagedKey(sku, '{oops');
    const requests = [
      request(sku, newShopperId()),
      request(sku, bad.shopperId, bad.key),
      request(sku, newShopperId(), 'fresh-key'),
    ];
    const sale = await sellBatch(appContext(), requests);
    expect(sale.decisions.map((d) => d.outcome)).toEqual([
      'purchased',
      'unreadable_record',
      'purchased',
    ]);
    expect(await auditOf(sku)).toMatchObject({ ok: true, sold: 2 });
  });

  it('is never taken for "no record": a record of the wrong shape does not buy again', async () => {
    const sku = await createProduct(10);
    const bad = await damagedKey(sku, 'null');
    const others = Array.from({ length: 4 }, () =>
      purchase({ sku, shopperId: newShopperId(), quantity: 1 }),
    );
    const own = purchase({ sku, shopperId: bad.shopperId, quantity: 1, idempotencyKey: bad.key });
    await expect(own).rejects.toBeInstanceOf(StoreCommandError);
    for (const result of await Promise.all(others)) {
      expect(result).toMatchObject({ ok: true, response: { outcome: 'purchased' } });
    }
    expect(await auditOf(sku)).toMatchObject({ ok: true, sold: 4 });
  });
});
