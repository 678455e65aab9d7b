import type { PurchaseOutcome } from '@/lib/api-types';
import { statusAt, type ProductRecord } from './product';

/** One buyer's request inside a watched transaction. */
export type PurchaseRequest = {
  sku: string;
  shopperId: string;
  quantity: number;
  /** The client's Idempotency-Key, scoped to this shopper and product. */
  idempotencyKey?: string;
  /** Made before the first attempt; doubles as the token that tells whether an unknown EXEC committed. */
  orderId: string;
};

/** What an Idempotency-Key of a purchased request keeps: its quantity, order, and stock left then. */
export type IdempotencyRecord = { quantity: number; orderId: string; remaining: number };

/**
 * A stored idempotency record as read, or `unreadable` when it is not one (damaged by hand or a
 * bug): only its own request fails then, never the batch it came in.
 */
export function readIdempotencyRecord(raw: string): IdempotencyRecord | 'unreadable' {
  try {
    const value = JSON.parse(raw) as Partial<IdempotencyRecord> | null;
    const { quantity, orderId, remaining } = value ?? {};
    if (Number.isInteger(quantity) && typeof orderId === 'string' && Number.isInteger(remaining)) {
      return { quantity: quantity!, orderId, remaining: remaining! };
    }
  } catch {
    // Not JSON: unreadable like any other shape.
  }
  return 'unreadable';
}

/** The verdict for one request of a batch. */
export type Decision =
  | { outcome: 'purchased'; orderId: string; remaining: number; replay?: true }
  | { outcome: Exclude<PurchaseOutcome, 'purchased'>; remaining: number }
  | { outcome: 'not_found' }
  | { outcome: 'idempotency_mismatch' }
  /** Its Idempotency-Key's stored record cannot be read: neither a replay nor a new sale. */
  | { outcome: 'unreadable_record' };

/** What the transaction reads after WATCH, for every request of the batch. */
export type BatchSnapshot = {
  product: ProductRecord | undefined;
  /** Units each shopper of the batch has bought so far. */
  bought: Map<string, number>;
  /** The stored record of each request's Idempotency-Key (same order as the requests). */
  idempotency: (IdempotencyRecord | 'unreadable' | undefined)[];
};

/**
 * Decides every request of a batch in arrival order against one consistent snapshot: idempotent
 * replays first, then the sale window, sold out, insufficient stock, the per-shopper limit. Never
 * grants more than the snapshot's stock nor more than a shopper's limit across the batch.
 */
export function decideBatch(
  requests: PurchaseRequest[],
  snapshot: BatchSnapshot,
  now: number,
): Decision[] {
  const { product } = snapshot;
  if (!product) return requests.map(() => ({ outcome: 'not_found' }));
  let stock = product.stock;
  const bought = new Map(snapshot.bought);
  const grantedKeys = new Map<string, IdempotencyRecord>();
  const status = statusAt(product, now);

  return requests.map((request, index): Decision => {
    const scopedKey = request.idempotencyKey && `${request.shopperId}\n${request.idempotencyKey}`;
    const earlier =
      snapshot.idempotency[index] ?? (scopedKey ? grantedKeys.get(scopedKey) : undefined);
    if (earlier === 'unreadable') return { outcome: 'unreadable_record' };
    if (earlier) {
      if (earlier.quantity !== request.quantity) return { outcome: 'idempotency_mismatch' };
      return {
        outcome: 'purchased',
        orderId: earlier.orderId,
        remaining: earlier.remaining,
        replay: true,
      };
    }
    if (status === 'scheduled') return { outcome: 'not_started', remaining: stock };
    if (status === 'ended') return { outcome: 'ended', remaining: stock };
    if (stock <= 0) return { outcome: 'sold_out', remaining: 0 };
    if (stock < request.quantity) return { outcome: 'insufficient_stock', remaining: stock };
    const already = bought.get(request.shopperId) ?? 0;
    if (already + request.quantity > product.limitPerShopper) {
      return { outcome: 'limit_reached', remaining: stock };
    }
    stock -= request.quantity;
    bought.set(request.shopperId, already + request.quantity);
    if (scopedKey) {
      grantedKeys.set(scopedKey, {
        quantity: request.quantity,
        orderId: request.orderId,
        remaining: stock,
      });
    }
    return { outcome: 'purchased', orderId: request.orderId, remaining: stock };
  });
}

/** A request the batch grants now, with the stock left right after it (its idempotency record). */
export type Grant = { request: PurchaseRequest; remaining: number };

/** The requests a batch's decisions grant now (replays bought earlier, so they are not here). */
export function newPurchases(requests: PurchaseRequest[], decisions: Decision[]): Grant[] {
  return requests.flatMap((request, i) => {
    const decision = decisions[i];
    return decision?.outcome === 'purchased' && !decision.replay
      ? [{ request, remaining: decision.remaining }]
      : [];
  });
}
