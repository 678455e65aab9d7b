import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { purchase } from '@/lib/inventory/purchase';
import { isKnownSoldOut } from '@/lib/inventory/sold-out-cache';
import { appContext } from '@/lib/redis/client';
import { createProduct, newShopperId } from './support/store';
import { configureApp } from './support/app-config';

configureApp({ SOLD_OUT_CACHE_MS: '60000' });

const buy = (sku: string, idempotencyKey?: string) =>
  purchase({ sku, shopperId: newShopperId(), quantity: 1, idempotencyKey });

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  await eventually(async () => condition(), timeoutMs);
}

async function eventually(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('sold-out fast path', () => {
  it('answers sold_out without a transaction, and a restock in another process clears it', async () => {
    const sku = await createProduct(1);
    expect(await buy(sku)).toMatchObject({ response: { outcome: 'purchased' } });
    expect(await buy(sku)).toMatchObject({ response: { outcome: 'sold_out', attempts: 1 } });
    // The first sold-out answer starts the subscription; the cache is used once it is live.
    await eventually(async () => isKnownSoldOut(appContext(), sku) || (await buy(sku), false));
    expect(await buy(sku)).toMatchObject({ response: { outcome: 'sold_out', attempts: 0 } });

    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tests/support/restock-process.ts'],
      {
        env: { ...process.env, RESTOCK_SKU: sku, RESTOCK_ADD: '2' },
        stdio: 'inherit',
      },
    );
    expect(child.status).toBe(0);
    await until(() => !isKnownSoldOut(appContext(), sku));
    expect(await buy(sku)).toMatchObject({ response: { outcome: 'purchased', attempts: 1 } });
  });

  it('answers a new key from the cache, while a replay still finds its purchase', async () => {
    const sku = await createProduct(1);
    const shopperId = newShopperId();
    const first = await purchase({ sku, shopperId, quantity: 1, idempotencyKey: 'k1' });
    expect(await buy(sku)).toMatchObject({ response: { outcome: 'sold_out' } });
    await eventually(async () => isKnownSoldOut(appContext(), sku) || (await buy(sku), false));
    // A key without a record cannot be a replay: sold out from memory, no transaction.
    expect(await buy(sku, 'fresh-key')).toMatchObject({
      response: { outcome: 'sold_out', attempts: 0 },
    });
    const replay = await purchase({ sku, shopperId, quantity: 1, idempotencyKey: 'k1' });
    expect(replay).toMatchObject({ response: { outcome: 'purchased', replay: true } });
    expect(replay.ok && first.ok && replay.response.orderId).toBe(
      first.ok && first.response.orderId,
    );
  });
});

describe('reset', () => {
  it('clears every sold-out answer of this instance', async () => {
    const sku = await createProduct(0);
    await eventually(async () => (await buy(sku), isKnownSoldOut(appContext(), sku)));
    const { resetStore } = await import('@/lib/inventory/demo');
    await resetStore();
    expect(isKnownSoldOut(appContext(), sku)).toBe(false);
    expect(await buy(sku)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('a sale that has not started', () => {
  it('keeps answering not_started for a product without stock, never sold_out from the cache', async () => {
    const { upsertProduct } = await import('@/lib/inventory/catalogue');
    const sku = await createProduct(0);
    await upsertProduct(sku, {
      name: 'later',
      priceCents: 1,
      stock: 0,
      limitPerShopper: 1,
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    for (let i = 0; i < 5; i++) {
      expect(await buy(sku)).toMatchObject({ response: { outcome: 'not_started', attempts: 1 } });
    }
    expect(isKnownSoldOut(appContext(), sku)).toBe(false);
  });
});
