import type { PurchaseOutcome } from '@/lib/api-types';
import { newHold, type HoldRecord } from '@/lib/holds/hold';
import { statusAt, type ProductRecord } from './product';

/** One buyer's request inside a watched transaction: a purchase, or a hold (checkout mode `hold`). */
export type PurchaseRequest = {
  sku: string;
  shopperId: string;
  quantity: number;
  /** The client's Idempotency-Key, scoped to this shopper and product. */
  idempotencyKey?: string;
  /**
   * Made before the first attempt: the id of the order (or of the hold) a grant writes; doubles as
   * the token that tells whether an unknown EXEC committed.
   */
  orderId: string;
  /** `hold`: place a hold instead of buying (unset: a purchase). */
  kind?: 'purchase' | 'hold';
};

/**
 * What an Idempotency-Key of a granted request keeps: its quantity, its order (or hold, with
 * `hold`), and the stock left then.
 */
export type IdempotencyRecord = {
  quantity: number;
  orderId: string;
  remaining: number;
  hold?: true;
};

/**
 * A stored idempotency record as read, or `unreadable` when it is not one (damaged by hand or a
 * bug): only its own request fails then, never the batch it came in.
 */
export function readIdempotencyRecord(raw: string): IdempotencyRecord | 'unreadable' {
  try {
    const value = JSON.parse(raw) as Partial<IdempotencyRecord> | null;
    const { quantity, orderId, remaining, hold } = value ?? {};
    if (Number.isInteger(quantity) && typeof orderId === 'string' && Number.isInteger(remaining)) {
      return { quantity: quantity!, orderId, remaining: remaining!, ...(hold ? { hold } : {}) };
    }
  } catch {
    // Not JSON: unreadable like any other shape.
  }
  return 'unreadable';
}

/** The verdict for one request of a batch. */
export type Decision =
  | { outcome: 'purchased'; orderId: string; remaining: number; replay?: true }
  /** A hold placed now (with its record) or earlier (a replay: its id only). */
  | { outcome: 'held'; holdId: string; remaining: number; hold?: HoldRecord; replay?: true }
  | { outcome: Exclude<PurchaseOutcome, 'purchased'>; remaining: number }
  | { outcome: 'not_found' }
  | { outcome: 'idempotency_mismatch' }
  /** A purchase of a product sold through holds. */
  | { outcome: 'hold_required' }
  /** A hold of a product sold instantly. */
  | { outcome: 'wrong_checkout_mode' }
  /** Its Idempotency-Key's stored record cannot be read: neither a replay nor a new sale. */
  | { outcome: 'unreadable_record' };

/** What the transaction reads after WATCH, for every request of the batch. */
export type BatchSnapshot = {
  product: ProductRecord | undefined;
  /** Units each shopper of the batch holds or has bought so far (the limit's count). */
  bought: Map<string, number>;
  /** The stored record of each request's Idempotency-Key (same order as the requests). */
  idempotency: (IdempotencyRecord | 'unreadable' | undefined)[];
};

/** The answer of a repeated Idempotency-Key, or why it is not one. */
function replayOf(request: PurchaseRequest, earlier: IdempotencyRecord): Decision {
  const hold = request.kind === 'hold';
  if (earlier.quantity !== request.quantity || Boolean(earlier.hold) !== hold) {
    return { outcome: 'idempotency_mismatch' };
  }
  const { orderId: id, remaining } = earlier;
  return hold
    ? { outcome: 'held', holdId: id, remaining, replay: true }
    : { outcome: 'purchased', orderId: id, remaining, replay: true };
}

/**
 * Decides every request of a batch in arrival order against one consistent snapshot: idempotent
 * replays first, then the checkout mode, the sale window, sold out (or all in carts: none on sale
 * but some held, which may come back), insufficient stock, the per-shopper limit (held + bought).
 * Never grants more than the snapshot's stock nor more than a shopper's limit across the batch.
 */
export function decideBatch(
  requests: PurchaseRequest[],
  snapshot: BatchSnapshot,
  now: number,
): Decision[] {
  const { product } = snapshot;
  if (!product) return requests.map(() => ({ outcome: 'not_found' }));
  let stock = product.stock;
  let held = product.held;
  const bought = new Map(snapshot.bought);
  const grantedKeys = new Map<string, IdempotencyRecord>();
  const status = statusAt(product, now);

  return requests.map((request, index): Decision => {
    const scopedKey = request.idempotencyKey && `${request.shopperId}\n${request.idempotencyKey}`;
    const earlier =
      snapshot.idempotency[index] ?? (scopedKey ? grantedKeys.get(scopedKey) : undefined);
    if (earlier === 'unreadable') return { outcome: 'unreadable_record' };
    if (earlier) return replayOf(request, earlier);
    const isHold = request.kind === 'hold';
    if (!isHold && product.checkoutMode === 'hold') return { outcome: 'hold_required' };
    if (isHold && product.checkoutMode !== 'hold') return { outcome: 'wrong_checkout_mode' };
    if (status === 'scheduled') return { outcome: 'not_started', remaining: stock };
    if (status === 'ended') return { outcome: 'ended', remaining: stock };
    if (stock <= 0) return { outcome: held > 0 ? 'all_in_carts' : 'sold_out', remaining: 0 };
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
        ...(isHold ? { hold: true as const } : {}),
      });
    }
    if (!isHold) return { outcome: 'purchased', orderId: request.orderId, remaining: stock };
    held += request.quantity;
    const hold = newHold({
      id: request.orderId,
      sku: product.sku,
      shopper: request.shopperId,
      quantity: request.quantity,
      priceCents: product.priceCents,
      holdSeconds: product.holdSeconds,
      now,
    });
    return { outcome: 'held', holdId: hold.id, remaining: stock, hold };
  });
}

/** A request the batch grants now, with the stock left right after it (its idempotency record). */
export type Grant = { request: PurchaseRequest; remaining: number; hold?: HoldRecord };

/** The requests a batch's decisions grant now (replays were granted earlier, so they are not here). */
export function newPurchases(requests: PurchaseRequest[], decisions: Decision[]): Grant[] {
  return requests.flatMap((request, i): Grant[] => {
    const decision = decisions[i];
    if (decision?.outcome === 'purchased' && !decision.replay) {
      return [{ request, remaining: decision.remaining }];
    }
    if (decision?.outcome === 'held' && decision.hold) {
      return [{ request, remaining: decision.remaining, hold: decision.hold }];
    }
    return [];
  });
}
