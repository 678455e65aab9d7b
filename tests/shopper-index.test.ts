// /api/me reads only what the shopper has: each shopper's own index of the products they bought
// or held (with a TTL), whatever the catalogue and the archive hold.
import { describe, expect, it } from 'vitest';
import { placeHold } from '@/lib/holds/place';
import { purchase } from '@/lib/inventory/purchase';
import { appContext } from '@/lib/redis/client';
import { readMine } from '@/lib/shopper/me';
import { addIdleProducts, counting } from './support/counting';
import { createHoldProduct, until } from './support/holds';
import { createProduct, newShopperId } from './support/store';

describe("a shopper's own index", () => {
  it('lists what the shopper bought and held, with a TTL of SHOPPER_KEYS_TTL_S', async () => {
    const shopperId = newShopperId();
    const bought = await createProduct(5);
    const held = await createHoldProduct(5);
    await purchase({ sku: bought, shopperId, quantity: 2 });
    await placeHold({ sku: held, shopperId, quantity: 1 });
    const { store, keys, config } = appContext();
    const key = keys.shopperProducts(shopperId);
    await until(async () => (await store.ttl(key)) > 0);
    expect((await store.smembers(key)).sort()).toEqual([bought, held].sort());
    expect(await store.ttl(key)).toBeLessThanOrEqual(config.SHOPPER_KEYS_TTL_S);
    const mine = await readMine(shopperId);
    expect(mine.units).toEqual({ [bought]: 2, [held]: 1 });
    expect(mine.holds.map((h) => h.sku)).toEqual([held]);
  });

  it('reading /api/me costs the same with 0 or 150 more products in the store', async () => {
    const shopperId = newShopperId();
    const sku = await createProduct(5);
    await purchase({ sku, shopperId, quantity: 1 });
    const before = counting(appContext());
    const few = await readMine(shopperId, before.ctx);
    await addIdleProducts(150, 140);
    const after = counting(appContext());
    const many = await readMine(shopperId, after.ctx);
    expect(many).toEqual(few);
    expect(after.sent()).toBe(before.sent());
  });
});
