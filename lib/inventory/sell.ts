import { noteHoldsDue } from '@/lib/holds/due-index';
import { noteShopperProducts } from '@/lib/shopper/products';
import type { StoreContext } from '@/lib/redis/client';
import { parseStoreTime, queueStoreTime } from '@/lib/redis/clock';
import { perContext } from '@/lib/redis/per-context';
import { StoreOutcomeUnknownError } from '@/lib/redis/errors';
import { runWatched, type CommandQueue, type WatchedTransaction } from '@/lib/redis/watched';
import { ALL_BUCKETS, evenSplit, parseBuckets, queueBuckets } from './buckets';
import {
  decideBatch,
  newPurchases,
  type BatchSnapshot,
  type Decision,
  type Grant,
  readIdempotencyRecord,
  type IdempotencyRecord,
  type PurchaseRequest,
} from './decide';
import { watchPolicy } from './policies';
import { parseProduct, type ProductRecord } from './product';
import { stockChanged } from './stock-events';

/** What one watched transaction decided for a batch of requests on one product. */
export type Sale = {
  /** One per request, in order. */
  decisions: Decision[];
  attempts: number;
  conflicts: number;
  /** The product as the deciding try read it (before its own writes); undefined on contention. */
  product: ProductRecord | undefined;
  /** The store's time (ms) the deciding try read with it; undefined on contention. */
  now: number | undefined;
};

/**
 * Which buckets a try watches: this instance's own (fast), or all of them when the sale needs
 * more than its own bucket holds (sweep). `buckets` is the product's count as last seen here.
 */
type Shape = { buckets: number; sweep: boolean };

type Decided = { decisions: Decision[]; product: ProductRecord | undefined; now: number };
/** A try's answer: decided, or "watch other buckets and try again". */
type TryValue = Decided | { reshape: Shape };

type Snapshot = {
  /** The store's clock (Redis `TIME`) in the WATCH round trip: the time every decision uses. */
  now: number;
  product: ProductRecord | undefined;
  buckets: (string | null)[];
  bought: Map<string, number>;
  idempotency: BatchSnapshot['idempotency'];
};

/** Each context's last-seen bucket count per product, so the first try watches the right key. */
const bucketsSeen = perContext(() => new Map<string, number>());

/**
 * Queues every write of the granted requests: buckets, stock, sold or held, shoppers' counts,
 * orders (with their time in `orderTimes`) or holds (with their expiry in `holdsDue`),
 * idempotency records.
 */
function queueWrites(
  ctx: StoreContext,
  tx: CommandQueue,
  granted: Grant[],
  plan: { stocks: number[]; preferred: number; sweep: boolean; priceCents: number; now: number },
): void {
  const { keys } = ctx;
  const sku = granted[0]!.request.sku;
  const units = granted.reduce((sum, g) => sum + g.request.quantity, 0);
  const heldUnits = granted.reduce((sum, g) => sum + (g.hold ? g.request.quantity : 0), 0);
  if (plan.sweep) {
    // Every bucket is watched: take the units and spread what is left evenly again.
    const left = plan.stocks.reduce((a, b) => a + b, 0) - units;
    queueBuckets(ctx, tx, sku, evenSplit(left, plan.stocks.length));
  } else {
    tx.decrby(keys.bucket(sku, plan.preferred), units);
  }
  tx.hincrby(keys.product(sku), 'stock', -units);
  if (units > heldUnits) tx.hincrby(keys.product(sku), 'sold', units - heldUnits);
  if (heldUnits > 0) tx.hincrby(keys.product(sku), 'held', heldUnits);
  const perShopper = new Map<string, number>();
  const orders: Record<string, string> = {};
  const at = new Date(plan.now).toISOString();
  for (const { request: r, remaining, hold } of granted) {
    perShopper.set(r.shopperId, (perShopper.get(r.shopperId) ?? 0) + r.quantity);
    if (hold) {
      tx.set(keys.hold(sku, hold.id), JSON.stringify(hold));
      tx.zadd(keys.holdsDue(sku), hold.expiresAt, hold.id);
      tx.zadd(keys.shopperHolds(sku, r.shopperId), hold.expiresAt, hold.id);
    } else {
      orders[r.orderId] = JSON.stringify({
        shopper: r.shopperId,
        quantity: r.quantity,
        priceCents: plan.priceCents,
        at,
      });
    }
    if (r.idempotencyKey) {
      const record: IdempotencyRecord = {
        quantity: r.quantity,
        orderId: r.orderId,
        remaining,
        ...(hold ? { hold: true as const } : {}),
      };
      const key = keys.idempotency(sku, r.shopperId, r.idempotencyKey);
      tx.set(key, JSON.stringify(record), 'EX', ctx.config.IDEMPOTENCY_TTL_S);
    }
  }
  for (const [shopper, n] of perShopper) tx.incrby(keys.buyer(sku, shopper), n);
  const ids = Object.keys(orders);
  if (ids.length > 0) {
    tx.hset(keys.orders(sku), orders);
    tx.zadd(keys.orderTimes(sku), ...ids.flatMap((id) => [plan.now, id]));
  }
}

/** Adds the stock of the buckets a fast try did not sell from to each `remaining`. */
function productWide(decisions: Decision[], elsewhere: number): Decision[] {
  if (elsewhere === 0) return decisions;
  return decisions.map((d) =>
    'remaining' in d && !((d.outcome === 'purchased' || d.outcome === 'held') && d.replay)
      ? { ...d, remaining: d.remaining + elsewhere }
      : d,
  );
}

/**
 * One try of a batch: WATCH the product's terms version, the bucket(s) of `shape`, the shoppers'
 * counts and the idempotency records; read them with the store's time, the product and every
 * bucket in the same round trip; decide (the sale window and a hold's expiry by that time). Not the product hash itself: every sale writes its stock and sold, so
 * watching it would make the instances' sales abort each other again, whatever the buckets.
 */
function saleTransaction(
  ctx: StoreContext,
  requests: PurchaseRequest[],
  instance: number,
  shape: Shape,
  sent: Sent,
): WatchedTransaction<Snapshot, TryValue> {
  const { keys } = ctx;
  const sku = requests[0]!.sku;
  const preferred = instance % shape.buckets;
  const watchedBuckets = shape.sweep ? ALL_BUCKETS.slice(0, shape.buckets) : [preferred];
  const shoppers = [...new Set(requests.map((r) => r.shopperId))];
  const shopperKeys = shoppers.map((s) => keys.buyer(sku, s));
  const idemKeys = requests.map((r) =>
    r.idempotencyKey ? keys.idempotency(sku, r.shopperId, r.idempotencyKey) : undefined,
  );
  const presentIdemKeys = idemKeys.filter((k): k is string => k !== undefined);
  return {
    watch: [
      keys.terms(sku),
      ...watchedBuckets.map((i) => keys.bucket(sku, i)),
      ...shopperKeys,
      ...presentIdemKeys,
    ],
    read(pipe) {
      queueStoreTime(pipe);
      pipe.hgetall(keys.product(sku));
      pipe.mget(...ALL_BUCKETS.map((i) => keys.bucket(sku, i)));
      pipe.mget(...shopperKeys);
      if (presentIdemKeys.length) pipe.mget(...presentIdemKeys);
    },
    parse(replies) {
      const [time, hash, buckets, counts, records = []] = replies as [
        unknown,
        Record<string, string>,
        (string | null)[],
        (string | null)[],
        (string | null)[]?,
      ];
      let next = 0;
      return {
        now: parseStoreTime(time),
        product: parseProduct(sku, hash),
        buckets,
        bought: new Map(shoppers.map((s, i) => [s, Number(counts[i] ?? 0)])),
        idempotency: idemKeys.map((key) => {
          const raw = key ? records[next++] : null;
          return raw ? readIdempotencyRecord(raw) : undefined;
        }),
      };
    },
    decide({ now, product, buckets, bought, idempotency }) {
      if (!product) {
        return {
          write: false,
          value: {
            decisions: decideBatch(requests, { product, bought, idempotency }, now),
            product,
            now,
          },
        };
      }
      if (product.buckets !== shape.buckets) {
        return { write: false, value: { reshape: { buckets: product.buckets, sweep: false } } };
      }
      const stocks = parseBuckets(buckets, product.buckets);
      const total = stocks.reduce((a, b) => a + b, 0);
      const available = shape.sweep ? total : stocks[preferred]!;
      const decided = decideBatch(
        requests,
        { product: { ...product, stock: available }, bought, idempotency },
        now,
      );
      // Short of stock in this bucket while others have some: watch them all and try again.
      const short = decided.some(
        (d) =>
          d.outcome === 'sold_out' ||
          d.outcome === 'all_in_carts' ||
          d.outcome === 'insufficient_stock',
      );
      if (short && total > available) {
        return { write: false, value: { reshape: { buckets: product.buckets, sweep: true } } };
      }
      const decisions = productWide(decided, total - available);
      const granted = newPurchases(requests, decisions);
      const value = { decisions, product, now };
      if (granted.length === 0) return { write: false, value };
      const expiries = granted.flatMap((g) => (g.hold ? [g.hold.expiresAt] : []));
      return {
        write: true,
        value,
        queue(tx) {
          if (expiries.length) sent.holdsDueAt = Math.min(...expiries, sent.holdsDueAt ?? Infinity);
          for (const g of granted) sent.shoppers.add(g.request.shopperId);
          queueWrites(ctx, tx, granted, {
            stocks,
            preferred,
            sweep: shape.sweep,
            priceCents: product.priceCents,
            now,
          });
        },
        // The first order (or hold) id is written by exactly this plan: it tells whether a lost
        // EXEC ran.
        token: granted[0]!.hold
          ? { key: keys.hold(sku, granted[0]!.hold.id) }
          : { key: keys.orders(sku), field: granted[0]!.request.orderId },
      };
    },
  };
}

/**
 * What the tries of one transaction sent to EXEC, committed or not: the earliest expiry of their
 * holds and their shoppers. Noted outside the product's slot once the transaction is over (the
 * due index, each shopper's own index); an entry for a write that did not commit only costs a
 * sweep that finds nothing, or a product the shopper has no units of.
 */
type Sent = { holdsDueAt?: number; shoppers: Set<string> };

/** Writes what `sent` names to the store-wide indexes; not awaited by the sale, never throws. */
function noteSent(ctx: StoreContext, sku: string, sent: Sent): void {
  if (sent.holdsDueAt !== undefined) void noteHoldsDue(ctx, sku, sent.holdsDueAt);
  if (sent.shoppers.size) void noteShopperProducts(ctx, sku, sent.shoppers);
}

/** A product whose bucket count keeps changing under a sale gives up after this many reshapes. */
const MAX_RESHAPES = 4;

/**
 * Decides a batch of requests on one product in one watched transaction. The product's stock is
 * split into buckets: the transaction watches this instance's own bucket (plus the product's
 * terms version, the shoppers' counts and idempotency records), and all buckets only when its own
 * cannot cover the sale. The sale window and a hold's expiry are decided by the store's clock read
 * in the WATCH round trip, never this instance's. Never commits against terms an admin changed after it read them, never
 * sells more than the stock or a shopper's limit, across buckets and instances; retries
 * conflicts up to PURCHASE_MAX_ATTEMPTS, then answers `contention` with nothing bought. An EXEC
 * whose reply was lost is resolved by its first order id, never bought twice; when it cannot be
 * resolved, throws StoreOutcomeUnknownError (503 saying to repeat with the Idempotency-Key: the
 * outcome is unknown, so it is not reported as failed).
 */
export async function sellBatch(ctx: StoreContext, requests: PurchaseRequest[]): Promise<Sale> {
  const sku = requests[0]!.sku;
  const instance = await ctx.instance.number();
  const seen = bucketsSeen(ctx);
  let shape: Shape = { buckets: seen.get(sku) ?? 1, sweep: false };
  let attempts = 0;
  let conflicts = 0;
  const contention = (): Sale => ({
    decisions: requests.map(() => ({ outcome: 'contention', remaining: 0 })),
    attempts,
    conflicts,
    product: undefined,
    now: undefined,
  });
  for (let round = 0; round <= MAX_RESHAPES; round++) {
    const policy = watchPolicy(ctx.config, 'purchase');
    const sent: Sent = { shoppers: new Set() };
    const tx = saleTransaction(ctx, requests, instance, shape, sent);
    const result = await runWatched(ctx, policy, tx).finally(() => noteSent(ctx, sku, sent));
    attempts += result.attempts;
    conflicts += result.conflicts;
    switch (result.status) {
      case 'contention':
        return contention();
      case 'unknown':
        throw new StoreOutcomeUnknownError('the outcome of a purchase is unknown', {
          cause: result.cause,
        });
      case 'unconfirmed':
        // Bought on the primary, not yet on a replica: a repeat with the Idempotency-Key tells.
        throw new StoreOutcomeUnknownError('no replica confirmed the purchase in time');
      case 'written':
        // Units were sold: every instance's caches forget the product. Not awaited, so the lane's
        // next batch does not wait for it; a failed event is dropped (the sale has happened).
        stockChanged(ctx, sku).catch(() => {});
      // falls through
      case 'unchanged': {
        const value = result.value;
        if (!('reshape' in value)) return { ...value, attempts, conflicts };
        shape = value.reshape;
        seen.set(sku, shape.buckets);
      }
    }
  }
  return contention();
}
