import { describe, expect, it } from 'vitest';
import type { Product, SnapshotBody } from '@/lib/api-types';
import { applyPurchase, holdPurchasedStock } from '@/components/store/use-store';

const product = (stock: number, totalStock = 10): Product => ({
  sku: 'a',
  name: 'A',
  priceCents: 100,
  stock,
  totalStock,
  sold: totalStock - stock,
  limitPerShopper: 5,
  startsAt: '2026-11-27T00:00:00.000Z',
  endsAt: null,
  status: stock ? 'live' : 'sold_out',
  purchaseMode: 'coalesce',
  buckets: 1,
  image: null,
  version: 1,
  queue: false,
});
const snapshot = (p: Product): SnapshotBody => ({
  products: [p],
  stats: {
    requests: 0,
    purchased: 0,
    soldOut: 0,
    limitReached: 0,
    contention: 0,
    conflicts: 0,
    unitsSold: 0,
  },
  log: [],
});
const bought = (remaining: number) => ({
  outcome: 'purchased' as const,
  sku: 'a',
  quantity: 1,
  remaining,
  attempts: 1,
  conflicts: 0,
  latencyMs: 1,
  batch: 1,
  queuedMs: 0,
});

describe("the page's own purchase over an older cached snapshot", () => {
  it('shows the reported stock until a snapshot catches up', () => {
    const holds = new Map();
    const applied = applyPurchase(snapshot(product(2)), bought(1), 0, holds);
    expect(applied?.products[0]).toMatchObject({ stock: 1, sold: 9, status: 'live' });
    // An older snapshot (taken before the purchase) does not bring the unit back.
    expect(holdPurchasedStock(snapshot(product(2)), 100, holds).products[0]?.stock).toBe(1);
    // A newer one wins, and the hold is gone.
    expect(holdPurchasedStock(snapshot(product(0)), 200, holds).products[0]).toMatchObject({
      stock: 0,
      status: 'sold_out',
    });
    expect(holds.size).toBe(0);
  });

  it('lets a restock (another total) or an expired hold through', () => {
    const holds = new Map();
    applyPurchase(snapshot(product(2)), bought(1), 0, holds);
    expect(holdPurchasedStock(snapshot(product(8, 17)), 100, holds).products[0]?.stock).toBe(8);
    applyPurchase(snapshot(product(2)), bought(1), 0, holds);
    const same = snapshot(product(2));
    expect(holdPurchasedStock(same, 10_000, holds)).toBe(same);
  });
});
