// DURABILITY=replica: a purchase is confirmed only once a replica has it (WAIT after EXEC). With
// the replica frozen the purchase answers 503 and its outcome is found by its Idempotency-Key;
// health says whether the mode can be met.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { durabilityMet, readReplication } from '@/lib/health';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { purchase } from '@/lib/inventory/purchase';
import { closeStoreContext, createStoreContext, type StoreContext } from '@/lib/redis/client';
import { StoreUnavailableError } from '@/lib/redis/errors';
// @ts-expect-error -- plain ESM helper shared with the failover script, no type declarations
import { startReplicaPair } from '../scripts/lib/replica-pair.mjs';
import { newShopperId } from './support/store';

type Pair = {
  primaryUrl: string;
  pauseReplica: () => void;
  resumeReplica: () => void;
  stop: () => Promise<void>;
};

let pair: Pair;
let ctx: StoreContext;
let bare: StoreContext;

beforeAll(async () => {
  pair = (await startReplicaPair()) as Pair;
  const env = { ...process.env, REDIS_URL: pair.primaryUrl, REPLICA_WAIT_MS: '100' };
  ctx = createStoreContext(parseConfig({ ...env, DURABILITY: 'replica' }));
  bare = createStoreContext(parseConfig({ ...env, DURABILITY: 'primary' }));
});

afterAll(async () => {
  pair.resumeReplica();
  await Promise.all([closeStoreContext(ctx), closeStoreContext(bare)]);
  await pair.stop();
});

async function product(stock: number): Promise<string> {
  const sku = `d-${Math.random().toString(36).slice(2, 10)}`;
  await upsertProduct(sku, { name: sku, priceCents: 1, stock, limitPerShopper: 10 }, bare);
  return sku;
}

describe('DURABILITY=replica', () => {
  it('confirms a purchase a replica has, and health says the mode is met', async () => {
    const sku = await product(5);
    const bought = await purchase({ sku, shopperId: newShopperId(), quantity: 1 }, ctx);
    expect(bought).toMatchObject({ ok: true, response: { outcome: 'purchased' } });
    const replication = await readReplication(ctx);
    expect(replication.replicas).toBe(1);
    expect(durabilityMet(ctx, replication)).toBe(true);
  });

  it('answers 503 when no replica confirms, and the key then tells what happened', async () => {
    const sku = await product(5);
    const shopperId = newShopperId();
    const input = { sku, shopperId, quantity: 1, idempotencyKey: 'frozen-replica' };
    pair.pauseReplica();
    await expect(purchase(input, ctx)).rejects.toBeInstanceOf(StoreUnavailableError);
    pair.resumeReplica();
    // It was bought on the primary: a repeat with the same key answers that purchase, once.
    const again = await purchase(input, ctx);
    expect(again).toMatchObject({ ok: true, response: { outcome: 'purchased', replay: true } });
    expect(await bare.store.hlen(bare.keys.orders(sku))).toBe(1);
  });

  it('is not met without a replica, while the default mode is', async () => {
    const none = { replicas: 0, lagSeconds: null };
    expect(durabilityMet(ctx, none)).toBe(false);
    expect(durabilityMet(bare, none)).toBe(true);
  });
});
