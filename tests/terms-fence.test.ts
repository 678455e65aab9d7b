// A sale never commits against terms the admin changed after the sale read them: each admin
// change is forced between a sale's WATCH round trip and its EXEC (faultyTx's beforeExec), and the
// sale's EXEC must abort and its retry answer by the new terms.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { audit } from '@/lib/inventory/audit';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { archiveProduct } from '@/lib/inventory/retire';
import { sellBatch } from '@/lib/inventory/sell';
import { closeStoreContext, createStoreContext, type StoreContext } from '@/lib/redis/client';
import { faultyTx } from './support/faulty-tx';
import { newShopperId } from './support/store';

const contexts: StoreContext[] = [];
const newContext = (...args: Parameters<typeof createStoreContext>[1][]) => {
  const ctx = createStoreContext(parseConfig({ ...process.env }), ...args);
  contexts.push(ctx);
  return ctx;
};
const admin = newContext();

afterAll(async () => {
  for (const ctx of contexts) await closeStoreContext(ctx);
});

type ProductBody = Parameters<typeof upsertProduct>[1];

const terms: ProductBody = {
  name: 'Fenced',
  priceCents: 1000,
  stock: 10,
  limitPerShopper: 3,
  startsAt: new Date(Date.now() - 60_000).toISOString(),
  buckets: 1,
};

/**
 * Sells `quantity` to `shopperId` through a context whose first try runs `change` (by the admin,
 * on its own connections) right before its EXEC.
 */
async function saleRacing(
  sku: string,
  change: () => Promise<unknown>,
  { shopperId = newShopperId(), quantity = 1 } = {},
) {
  const ctx = newContext(
    faultyTx({ beforeExec: async (_conn, attempt) => void (attempt === 1 && (await change())) }),
  );
  const orderId = randomBytes(8).toString('hex');
  const sale = await sellBatch(ctx, [{ sku, shopperId, quantity, orderId }]);
  const raw = await admin.store.hget(admin.keys.orders(sku), orderId);
  const order = raw ? (JSON.parse(raw) as { priceCents: number; quantity: number }) : undefined;
  const row = (await audit(admin)).products.find((p) => p.sku === sku);
  expect(row?.ok).toBe(true);
  return { sale, outcome: sale.decisions[0]?.outcome, order, sold: row?.sold };
}

async function newProduct(over: Partial<ProductBody> = {}): Promise<string> {
  const sku = `fence-${randomBytes(4).toString('hex')}`;
  await upsertProduct(sku, { ...terms, ...over }, admin);
  return sku;
}

describe('a sale racing an admin change of the terms', () => {
  it('an archive: the EXEC aborts and the retry answers ended, nothing sold', async () => {
    const sku = await newProduct();
    const { sale, outcome, sold } = await saleRacing(sku, () => archiveProduct(sku, admin));
    expect(outcome).toBe('ended');
    expect(sale.conflicts).toBe(1);
    expect(sold).toBe(0);
  });

  it('a window end: the EXEC aborts and the retry answers ended, nothing sold', async () => {
    const sku = await newProduct();
    const end = () => upsertProduct(sku, { ...terms, endsAt: new Date().toISOString() }, admin);
    const { sale, outcome, sold } = await saleRacing(sku, end);
    expect(outcome).toBe('ended');
    expect(sale.conflicts).toBe(1);
    expect(sold).toBe(0);
  });

  it('a lowered limit: the retry answers limit_reached for a shopper now over it', async () => {
    const sku = await newProduct();
    const shopperId = newShopperId();
    const first = await sellBatch(admin, [{ sku, shopperId, quantity: 1, orderId: 'first' }]);
    expect(first.decisions[0]?.outcome).toBe('purchased');
    const lower = () => upsertProduct(sku, { ...terms, limitPerShopper: 2 }, admin);
    const { sale, outcome, sold } = await saleRacing(sku, lower, { shopperId, quantity: 2 });
    expect(outcome).toBe('limit_reached');
    expect(sale.conflicts).toBe(1);
    expect(sold).toBe(1);
  });

  it('a price change: the EXEC aborts and the order is taken at the new price', async () => {
    const sku = await newProduct();
    const reprice = () => upsertProduct(sku, { ...terms, priceCents: 2500 }, admin);
    const { sale, outcome, order } = await saleRacing(sku, reprice);
    expect(outcome).toBe('purchased');
    expect(sale.conflicts).toBe(1);
    expect(sale.product?.priceCents).toBe(2500);
    expect(order).toMatchObject({ quantity: 1, priceCents: 2500 });
  });

  it('a mode switch: the EXEC aborts and the retry reads the new mode', async () => {
    const sku = await newProduct({ purchaseMode: 'coalesce' });
    const switchMode = () => upsertProduct(sku, { ...terms, purchaseMode: 'plain' }, admin);
    const { sale, outcome } = await saleRacing(sku, switchMode);
    expect(outcome).toBe('purchased');
    expect(sale.conflicts).toBe(1);
    expect(sale.product?.purchaseMode).toBe('plain');
  });

  it('a re-bucketing: the EXEC aborts and the retry sells from the new buckets', async () => {
    const sku = await newProduct();
    const rebucket = () => upsertProduct(sku, { ...terms, buckets: 4 }, admin);
    const { sale, outcome, sold } = await saleRacing(sku, rebucket);
    expect(outcome).toBe('purchased');
    expect(sale.conflicts).toBe(1);
    expect(sale.product?.buckets).toBe(4);
    expect(sold).toBe(1);
  });
});
