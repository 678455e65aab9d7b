import { describe, expect, it } from 'vitest';
import {
  decideBatch,
  newPurchases,
  type BatchSnapshot,
  type PurchaseRequest,
} from '@/lib/inventory/decide';
import type { ProductRecord } from '@/lib/inventory/product';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const product = (over: Partial<ProductRecord> = {}): ProductRecord => ({
  sku: 'p',
  name: 'P',
  priceCents: 100,
  limitPerShopper: 2,
  startsAt: NOW - 1000,
  endsAt: null,
  stock: 5,
  sold: 0,
  totalStock: 5,
  buckets: 1,
  version: 1,
  queue: false,
  ...over,
});
const req = (
  shopperId: string,
  quantity = 1,
  idempotencyKey?: string,
  orderId = `${shopperId}-${quantity}-${Math.random()}`,
): PurchaseRequest => ({ sku: 'p', shopperId, quantity, idempotencyKey, orderId });
const snap = (
  p: ProductRecord | undefined,
  over: Partial<BatchSnapshot> = {},
  n = 10,
): BatchSnapshot => ({
  product: p,
  bought: new Map(),
  idempotency: Array.from({ length: n }, () => undefined),
  ...over,
});

describe('decideBatch', () => {
  it('grants in arrival order and never more than the stock', () => {
    const requests = [req('a', 2), req('b', 2), req('c', 2), req('d', 1)];
    const out = decideBatch(requests, snap(product({ stock: 5 })), NOW);
    expect(out.map((d) => d.outcome)).toEqual([
      'purchased',
      'purchased',
      'insufficient_stock',
      'purchased',
    ]);
    expect(out.map((d) => ('remaining' in d ? d.remaining : -1))).toEqual([3, 1, 1, 0]);
    expect(newPurchases(requests, out).map((g) => g.remaining)).toEqual([3, 1, 0]);
  });

  it('checks the window before the stock', () => {
    expect(
      decideBatch([req('a')], snap(product({ startsAt: NOW + 1, stock: 0 })), NOW)[0]?.outcome,
    ).toBe('not_started');
    expect(decideBatch([req('a')], snap(product({ endsAt: NOW, stock: 0 })), NOW)[0]?.outcome).toBe(
      'ended',
    );
    expect(decideBatch([req('a')], snap(product({ stock: 0 })), NOW)[0]?.outcome).toBe('sold_out');
  });

  it('applies the per-shopper limit across earlier purchases and the batch itself', () => {
    const bought = new Map([['a', 1]]);
    const out = decideBatch([req('a'), req('a'), req('b', 3)], snap(product(), { bought }), NOW);
    expect(out.map((d) => d.outcome)).toEqual(['purchased', 'limit_reached', 'limit_reached']);
  });

  it('replays a stored key and refuses a different quantity under it', () => {
    const idempotency = [
      { quantity: 1, orderId: 'order-1', remaining: 4 },
      { quantity: 1, orderId: 'order-1', remaining: 4 },
    ];
    const out = decideBatch(
      [req('a', 1, 'k'), req('a', 2, 'k')],
      snap(product({ stock: 0 }), { idempotency }),
      NOW,
    );
    expect(out[0]).toEqual({
      outcome: 'purchased',
      orderId: 'order-1',
      remaining: 4,
      replay: true,
    });
    expect(out[1]).toEqual({ outcome: 'idempotency_mismatch' });
  });

  it('buys once for duplicates of one key inside a batch', () => {
    const requests = [
      req('a', 1, 'k', 'first'),
      req('a', 1, 'k', 'second'),
      req('b', 1, 'k', 'other'),
    ];
    const out = decideBatch(requests, snap(product()), NOW);
    expect(out[0]).toMatchObject({ outcome: 'purchased', orderId: 'first' });
    expect(out[1]).toMatchObject({ outcome: 'purchased', orderId: 'first', replay: true });
    expect(out[2]).toMatchObject({ outcome: 'purchased', orderId: 'other' });
    expect(newPurchases(requests, out).map((g) => g.request.orderId)).toEqual(['first', 'other']);
  });

  it('answers not_found for every request of an unknown product', () => {
    expect(decideBatch([req('a'), req('b')], snap(undefined), NOW).map((d) => d.outcome)).toEqual([
      'not_found',
      'not_found',
    ]);
  });
});
