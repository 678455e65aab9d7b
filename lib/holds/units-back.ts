import type { StoreContext } from '@/lib/redis/client';
import type { CommandQueue } from '@/lib/redis/watched';
import type { EndedBy, EndedHoldRecord, HoldRecord } from './hold';

/**
 * Queues the writes that end `holds` (all still `held` in the transaction's read) at their `endedAt`: each
 * record's new state (kept HOLD_RECORD_TTL_S), out of `holdsDue`, its shopper's list scored by its
 * end. `ordered` holds move their units to `sold`; the others give them back to the sale — the
 * `bucket` given (the ending instance's own), the product's `stock`, and the shoppers' counts (the
 * quota comes back). The caller WATCHes the terms (so `bucket` is one the product still uses) and
 * every hold's key (so no hold ends twice).
 */
export function queueHoldEnds(
  ctx: StoreContext,
  tx: CommandQueue,
  ended: EndedHoldRecord[],
  bucket: number,
): void {
  const { keys } = ctx;
  const sku = ended[0]!.sku;
  let back = 0;
  let ordered = 0;
  const quota = new Map<string, number>();
  for (const hold of ended) {
    tx.set(keys.hold(sku, hold.id), JSON.stringify(hold), 'EX', ctx.config.HOLD_RECORD_TTL_S);
    tx.zrem(keys.holdsDue(sku), hold.id);
    tx.zadd(keys.shopperHolds(sku, hold.shopper), hold.endedAt, hold.id);
    if (hold.state === 'ordered') {
      ordered += hold.quantity;
      tx.hset(
        keys.orders(sku),
        hold.orderId!,
        JSON.stringify({
          shopper: hold.shopper,
          quantity: hold.quantity,
          priceCents: hold.priceCents,
          at: new Date(hold.endedAt).toISOString(),
          hold: hold.id,
        }),
      );
      tx.zadd(keys.orderTimes(sku), hold.endedAt, hold.orderId!);
    } else {
      back += hold.quantity;
      quota.set(hold.shopper, (quota.get(hold.shopper) ?? 0) + hold.quantity);
    }
  }
  const product = keys.product(sku);
  tx.hincrby(product, 'held', -(back + ordered));
  if (ordered > 0) tx.hincrby(product, 'sold', ordered);
  if (back > 0) {
    tx.hincrby(product, 'stock', back);
    tx.incrby(keys.bucket(sku, bucket), back);
  }
  for (const [shopper, n] of quota) tx.decrby(keys.buyer(sku, shopper), n);
}

/** `hold` ended now as `state` by `endedBy` (with the order id Place order made). */
export function endedHold(
  hold: HoldRecord,
  state: 'ordered' | 'cancelled' | 'expired',
  endedBy: EndedBy,
  now: number,
  orderId: string | null = null,
): EndedHoldRecord {
  return { ...hold, state, endedBy, endedAt: now, orderId };
}
