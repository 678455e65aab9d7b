import { randomUUID } from 'node:crypto';
import { record } from '@/lib/activity/recorder';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { parseStoreTime, queueStoreTime } from '@/lib/redis/clock';
import { StoreOutcomeUnknownError } from '@/lib/redis/errors';
import { runWatched } from '@/lib/redis/watched';
import { watchPolicy } from './policies';
import { parseProduct, type ProductRecord } from './product';
import { stockChanged } from './stock-events';

/** An order as stored in the product's `orders` hash. */
export type OrderRecord = { shopper: string; quantity: number; priceCents: number; at: string };

export function parseOrder(raw: string | null | undefined): OrderRecord | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<OrderRecord> | null;
    if (value && typeof value.shopper === 'string' && Number.isInteger(value.quantity)) {
      return value as OrderRecord;
    }
  } catch {
    // Not an order.
  }
  return undefined;
}

export type RefundResult =
  | { ok: true; orderId: string; quantity: number; attempts: number; conflicts: number }
  | { ok: false; reason: 'order_not_found' | 'order_cancelled' | 'contention' };

type Snapshot = {
  /** The store's time of the read: the refund's recorded time, like every order's. */
  now: number;
  product: ProductRecord | undefined;
  order: OrderRecord | undefined;
  cancelled: boolean;
};

type Value =
  { ok: true; order: OrderRecord } | { ok: false; reason: 'order_not_found' | 'order_cancelled' };

/**
 * Cancels (refunds) order `orderId` of `sku` in one watched transaction on the order's own state
 * key (and the product's terms): its units go back on sale (this instance's bucket, stock+,
 * sold−) and its shopper's quota comes back, exactly once — a second refund, concurrent or late,
 * is told `order_cancelled`. The order stays in `orders`; `refunds` records it for the audit. A
 * lost EXEC reply is resolved by the write's own token.
 */
export async function refundOrder(
  sku: string,
  orderId: string,
  ctx: StoreContext = appContext(),
): Promise<RefundResult> {
  const { keys } = ctx;
  const started = performance.now();
  const instance = await ctx.instance.number();
  const stateKey = keys.orderState(sku, orderId);
  const result = await runWatched<Snapshot, Value>(ctx, watchPolicy(ctx.config, 'admin'), {
    watch: [keys.terms(sku), stateKey],
    read: (pipe) => {
      queueStoreTime(pipe);
      pipe.hgetall(keys.product(sku)).hget(keys.orders(sku), orderId).get(stateKey);
    },
    parse: ([time, hash, raw, state]) => ({
      now: parseStoreTime(time),
      product: parseProduct(sku, hash as Record<string, string>),
      order: parseOrder(raw as string | null),
      cancelled: state === 'cancelled',
    }),
    decide({ now, product, order, cancelled }) {
      if (!order || !product)
        return { write: false, value: { ok: false, reason: 'order_not_found' } };
      if (cancelled) return { write: false, value: { ok: false, reason: 'order_cancelled' } };
      const token = { key: keys.writeToken(sku, randomUUID()) };
      const units = order.quantity;
      return {
        write: true,
        value: { ok: true, order },
        token,
        queue(tx) {
          tx.set(stateKey, 'cancelled');
          tx.hset(
            keys.refunds(sku),
            orderId,
            JSON.stringify({ quantity: units, at: new Date(now).toISOString() }),
          );
          tx.hincrby(keys.product(sku), 'stock', units).hincrby(keys.product(sku), 'sold', -units);
          tx.incrby(keys.bucket(sku, instance % product.buckets), units);
          tx.decrby(keys.buyer(sku, order.shopper), units);
          tx.set(token.key, '1', 'EX', ctx.config.IDEMPOTENCY_TTL_S);
        },
      };
    },
  });
  switch (result.status) {
    case 'contention':
      return { ok: false, reason: 'contention' };
    case 'unknown':
      throw new StoreOutcomeUnknownError('the outcome of a refund is unknown', {
        cause: result.cause,
      });
    case 'unconfirmed':
      throw new StoreOutcomeUnknownError('no replica confirmed the refund in time');
  }
  const { value, attempts, conflicts } = result;
  if (!value.ok) return value;
  if (result.status === 'written') {
    stockChanged(ctx, sku).catch(() => {});
    await record(
      {
        sku,
        outcome: 'refunded',
        quantity: value.order.quantity,
        attempts,
        conflicts,
        latencyMs: Math.round((performance.now() - started) * 100) / 100,
        batch: 1,
        queuedMs: 0,
        shopperId: value.order.shopper,
        // The log's time: this instance's clock (logs only).
        at: Date.now(),
      },
      ctx,
    );
  }
  return { ok: true, orderId, quantity: value.order.quantity, attempts, conflicts };
}
