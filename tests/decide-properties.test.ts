// Properties of the pure sale decision, for any batch: never more than the stock, never past a
// shopper's limit, one purchase per Idempotency-Key, and nothing sold outside the window.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideBatch,
  newPurchases,
  readIdempotencyRecord,
  type BatchSnapshot,
  type IdempotencyRecord,
  type PurchaseRequest,
} from '@/lib/inventory/decide';
import type { ProductRecord } from '@/lib/inventory/product';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const SHOPPERS = ['a', 'b', 'c', 'd'];
const KEYS = ['k1', 'k2'];
const scoped = (shopperId: string, key: string) => `${shopperId}\n${key}`;

type Case = {
  product: ProductRecord;
  requests: PurchaseRequest[];
  bought: Map<string, number>;
  stored: Map<string, IdempotencyRecord>;
};

const productArb = fc
  .record({
    stock: fc.integer({ min: 0, max: 30 }),
    limitPerShopper: fc.integer({ min: 1, max: 6 }),
    window: fc.constantFrom('live', 'live', 'live', 'scheduled', 'ended'),
    priceCents: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ stock, limitPerShopper, window, priceCents }): ProductRecord => ({
    sku: 'p',
    name: 'P',
    priceCents,
    limitPerShopper,
    startsAt: window === 'scheduled' ? NOW + 1 : NOW - 1000,
    endsAt: window === 'ended' ? NOW : null,
    stock,
    sold: 0,
    totalStock: stock,
    buckets: 1,
    version: 1,
    queue: false,
  }));

const requestArb = fc.record({
  shopperId: fc.constantFrom(...SHOPPERS),
  quantity: fc.integer({ min: 1, max: 5 }),
  idempotencyKey: fc.option(fc.constantFrom(...KEYS), { nil: undefined }),
});

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    product: productArb,
    requests: fc.array(requestArb, { maxLength: 40 }),
    bought: fc.array(fc.integer({ min: 0, max: 6 }), {
      minLength: SHOPPERS.length,
      maxLength: SHOPPERS.length,
    }),
    stored: fc.array(
      fc.record({
        shopperId: fc.constantFrom(...SHOPPERS),
        key: fc.constantFrom(...KEYS),
        quantity: fc.integer({ min: 1, max: 5 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ product, requests, bought, stored }) => ({
    product,
    requests: requests.map((r, i) => ({ ...r, sku: 'p', orderId: `order-${i}` })),
    bought: new Map(SHOPPERS.map((s, i) => [s, bought[i]!])),
    stored: new Map(
      stored.map((r) => [
        scoped(r.shopperId, r.key),
        { quantity: r.quantity, orderId: `earlier-${r.shopperId}-${r.key}`, remaining: 0 },
      ]),
    ),
  }));

/** The snapshot a sale reads for `c`: each request sees its key's stored record. */
function snapshotOf(c: Case): BatchSnapshot {
  return {
    product: c.product,
    bought: c.bought,
    idempotency: c.requests.map((r) =>
      r.idempotencyKey ? c.stored.get(scoped(r.shopperId, r.idempotencyKey)) : undefined,
    ),
  };
}

const decided = (c: Case) => {
  const decisions = decideBatch(c.requests, snapshotOf(c), NOW);
  return { decisions, grants: newPurchases(c.requests, decisions) };
};

describe('decideBatch, for any batch', () => {
  it('answers every request once and never grants more units than the stock', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { decisions, grants } = decided(c);
        expect(decisions).toHaveLength(c.requests.length);
        const units = grants.reduce((sum, g) => sum + g.request.quantity, 0);
        expect(units).toBeLessThanOrEqual(c.product.stock);
        // Each grant's `remaining` is the stock left right after it, never below zero.
        let left = c.product.stock;
        for (const g of grants) {
          left -= g.request.quantity;
          expect(g.remaining).toBe(left);
        }
        expect(left).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('never takes a shopper past the limit, counting what they bought before', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { grants } = decided(c);
        const after = new Map(c.bought);
        for (const g of grants) {
          const shopper = g.request.shopperId;
          after.set(shopper, (after.get(shopper) ?? 0) + g.request.quantity);
          expect(after.get(shopper)).toBeLessThanOrEqual(c.product.limitPerShopper);
        }
      }),
    );
  });

  it('buys at most once per Idempotency-Key and answers its repeats with that purchase', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { decisions } = decided(c);
        /** Per key, its stored record or the batch's first purchase under it so far. */
        const firstOf = new Map<string, { quantity: number; orderId: string }>(c.stored);
        c.requests.forEach((r, i) => {
          const d = decisions[i]!;
          if (!r.idempotencyKey) return;
          const key = scoped(r.shopperId, r.idempotencyKey);
          const first = firstOf.get(key);
          if (!first) {
            // No purchase under this key yet: this request may buy, as a new purchase.
            if (d.outcome === 'purchased') {
              expect(d.replay).toBeUndefined();
              firstOf.set(key, { quantity: r.quantity, orderId: r.orderId });
            }
          } else if (first.quantity !== r.quantity) {
            expect(d).toEqual({ outcome: 'idempotency_mismatch' });
          } else {
            // A repeat: the same order again, never a new purchase.
            expect(d).toMatchObject({ outcome: 'purchased', orderId: first.orderId, replay: true });
          }
        });
      }),
    );
  });

  it('sells nothing outside the window or without a product', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const live = c.product.startsAt <= NOW && c.product.endsAt === null;
        if (!live) expect(decided(c).grants).toEqual([]);
        const none = decideBatch(c.requests, { ...snapshotOf(c), product: undefined }, NOW);
        expect(none.every((d) => d.outcome === 'not_found')).toBe(true);
      }),
    );
  });

  it('grants a request that fits when nothing stands in its way (no needless refusal)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { decisions } = decided(c);
        const live = c.product.startsAt <= NOW && c.product.endsAt === null;
        let left = c.product.stock;
        const bought = new Map(c.bought);
        c.requests.forEach((r, i) => {
          const d = decisions[i]!;
          if (d.outcome === 'purchased' && !d.replay) {
            left -= r.quantity;
            bought.set(r.shopperId, (bought.get(r.shopperId) ?? 0) + r.quantity);
          }
          const fits =
            live &&
            r.quantity <= left &&
            (bought.get(r.shopperId) ?? 0) + r.quantity <= c.product.limitPerShopper;
          if (fits && !r.idempotencyKey) expect(d.outcome).toBe('purchased');
        });
      }),
    );
  });

  it('fails only the request whose stored record cannot be read', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, pick) => {
        fc.pre(c.requests.length > 0);
        const bad = pick % c.requests.length;
        const snapshot = snapshotOf(c);
        const idempotency = snapshot.idempotency.map((record, i) =>
          i === bad ? ('unreadable' as const) : record,
        );
        const withBad = decideBatch(c.requests, { ...snapshot, idempotency }, NOW);
        expect(withBad[bad]).toEqual({ outcome: 'unreadable_record' });
        // Every other request is decided as if the bad one had not been there.
        const others = c.requests.filter((_, i) => i !== bad);
        const alone = decideBatch(
          others,
          { ...snapshot, idempotency: idempotency.filter((_, i) => i !== bad) },
          NOW,
        );
        expect(withBad.filter((_, i) => i !== bad)).toEqual(alone);
      }),
    );
  });
});

describe('readIdempotencyRecord', () => {
  it('reads what a sale writes and calls anything else unreadable', () => {
    const record = { quantity: 2, orderId: 'o-1', remaining: 7 };
    expect(readIdempotencyRecord(JSON.stringify(record))).toEqual(record);
    for (const raw of [
      '{oops',
      'null',
      '42',
      '{"quantity":"2","orderId":"o","remaining":1}',
      '{}',
    ]) {
      expect(readIdempotencyRecord(raw)).toBe('unreadable');
    }
  });
});
