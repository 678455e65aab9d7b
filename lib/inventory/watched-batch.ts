import type { Redis } from 'ioredis';
import { config } from '@/lib/config';
import { shared } from '@/lib/redis/client';
import { StoreUnavailableError } from '@/lib/redis/errors';
import {
  acquireTx,
  discardTx,
  PoolBusyError,
  refreshTopology,
  releaseTx,
} from '@/lib/redis/tx-pool';
import {
  decideBatch,
  newPurchases,
  type BatchSnapshot,
  type Decision,
  type Grant,
  type IdempotencyRecord,
  type PurchaseRequest,
} from './decide';
import { parseProduct, type ProductRecord } from './product';

/** The verdicts of one batch and the tries of the transaction that produced them. */
export type BatchResult = {
  decisions: Decision[];
  attempts: number;
  conflicts: number;
  /** The product as the deciding attempt read it (before its own writes). */
  product: ProductRecord | undefined;
};

/** Store failures (not conflicts) a batch rides out before it gives up with 503. */
const MAX_STORE_ERRORS = 4;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full-jitter exponential backoff, so racing clients spread out instead of colliding again. */
function backoff(round: number): Promise<void> {
  const { PURCHASE_BACKOFF_BASE_MS: base, PURCHASE_BACKOFF_MAX_MS: cap } = config();
  const ceiling = Math.min(cap, base * 2 ** Math.min(round, 16));
  return ceiling > 0 ? sleep(Math.random() * ceiling) : Promise.resolve();
}

type Uncertain = { token: string; decisions: Decision[]; product: ProductRecord | undefined };

/**
 * WATCH the product, read everything the decisions need in the same round trip, and, when an
 * earlier EXEC's outcome is unknown, whether its order token was stored.
 */
async function watchAndRead(conn: Redis, requests: PurchaseRequest[], uncertain: Uncertain[]) {
  const { keys } = shared();
  const sku = requests[0]!.sku;
  const shoppers = [...new Set(requests.map((r) => r.shopperId))];
  const keyed = requests.map((r) =>
    r.idempotencyKey ? keys.idempotency(sku, r.shopperId, r.idempotencyKey) : undefined,
  );
  const pipe = conn.pipeline().watch(keys.product(sku)).hgetall(keys.product(sku));
  pipe.hmget(keys.buyers(sku), ...shoppers);
  for (const key of keyed) if (key) pipe.get(key);
  if (uncertain.length) pipe.hmget(keys.orders(sku), ...uncertain.map((u) => u.token));
  const replies = (await pipe.exec()) ?? [];
  for (const [error] of replies) if (error) throw error;
  const values = replies.map(([, value]) => value);

  const product = parseProduct(sku, values[1] as Record<string, string>);
  const counts = values[2] as (string | null)[];
  const bought = new Map(shoppers.map((s, i) => [s, Number(counts[i] ?? 0)]));
  let next = 3;
  const idempotency = keyed.map((key) => {
    if (!key) return undefined;
    const raw = values[next++] as string | null;
    return raw ? (JSON.parse(raw) as IdempotencyRecord) : undefined;
  });
  const tokens = uncertain.length ? (values[next] as (string | null)[]) : [];
  const committed = uncertain.find((_, i) => tokens[i] != null);
  const snapshot: BatchSnapshot = { product, bought, idempotency };
  return { snapshot, committed };
}

/** Queues every write of the granted purchases: stock, sold, shopper counts, orders, idempotency. */
function queueWrites(conn: Redis, granted: Grant[]) {
  const { keys } = shared();
  const ttl = config().IDEMPOTENCY_TTL_S;
  const sku = granted[0]!.request.sku;
  const units = granted.reduce((sum, g) => sum + g.request.quantity, 0);
  const perShopper = new Map<string, number>();
  const orders: Record<string, string> = {};
  const at = new Date().toISOString();
  const tx = conn.multi();
  tx.hincrby(keys.product(sku), 'stock', -units).hincrby(keys.product(sku), 'sold', units);
  for (const { request: r, remaining } of granted) {
    perShopper.set(r.shopperId, (perShopper.get(r.shopperId) ?? 0) + r.quantity);
    orders[r.orderId] = JSON.stringify({ shopper: r.shopperId, quantity: r.quantity, at });
    if (r.idempotencyKey) {
      const record: IdempotencyRecord = { q: r.quantity, o: r.orderId, r: remaining };
      const key = keys.idempotency(sku, r.shopperId, r.idempotencyKey);
      tx.set(key, JSON.stringify(record), 'EX', ttl);
    }
  }
  for (const [shopper, n] of perShopper) tx.hincrby(keys.buyers(sku), shopper, n);
  tx.hset(keys.orders(sku), orders);
  return tx;
}

/**
 * Runs one watched transaction for a batch of requests on one product: WATCH, read, decide,
 * MULTI…EXEC on a dedicated connection. Never sells more than the stock; an aborted EXEC is a
 * conflict, retried with jittered backoff up to PURCHASE_MAX_ATTEMPTS, then `contention` with
 * nothing bought. An EXEC whose reply was lost is resolved by its order token, never re-bought.
 */
export async function runWatchedBatch(requests: PurchaseRequest[]): Promise<BatchResult> {
  const { keys } = shared();
  const cfg = config();
  const productKey = keys.product(requests[0]!.sku);
  const uncertain: Uncertain[] = [];
  let attempts = 0;
  let conflicts = 0;
  let storeErrors = 0;
  // Every retry lost its race: nothing was bought (no EXEC of this batch has an unknown outcome).
  const contended = (): BatchResult => ({
    decisions: requests.map(() => ({ outcome: 'contention', remaining: 0 })),
    attempts,
    conflicts,
    product: undefined,
  });

  for (;;) {
    if (attempts >= cfg.PURCHASE_MAX_ATTEMPTS && uncertain.length === 0) return contended();
    let lease: { conn: Redis; node: string };
    try {
      lease = await acquireTx(productKey);
    } catch (error) {
      // Nothing was sent yet: busy is contention, an unreachable store is a 503 at once. Only an
      // earlier EXEC of unknown outcome is worth waiting for.
      if (uncertain.length === 0) {
        if (error instanceof PoolBusyError) return contended();
        throw error;
      }
      if (++storeErrors > MAX_STORE_ERRORS) throw error;
      await backoff(storeErrors);
      continue;
    }
    const { conn, node } = lease;
    attempts++;
    let sent: Uncertain | undefined;
    try {
      const { snapshot, committed } = await watchAndRead(conn, requests, uncertain);
      if (committed) {
        await conn.unwatch();
        releaseTx(node, conn);
        return { decisions: committed.decisions, attempts, conflicts, product: committed.product };
      }
      const decisions = decideBatch(requests, snapshot, Date.now());
      const granted = newPurchases(requests, decisions);
      if (granted.length === 0) {
        await conn.unwatch();
        releaseTx(node, conn);
        return { decisions, attempts, conflicts, product: snapshot.product };
      }
      const tx = queueWrites(conn, granted);
      sent = { token: granted[0]!.request.orderId, decisions, product: snapshot.product };
      const replies = await tx.exec();
      releaseTx(node, conn);
      if (replies === null) {
        conflicts++;
        await backoff(conflicts);
        continue;
      }
      return { decisions, attempts, conflicts, product: snapshot.product };
    } catch (error) {
      discardTx(node, conn);
      refreshTopology();
      // An error once MULTI…EXEC was sent leaves the outcome unknown: remember its token so the
      // next attempt can tell whether it committed instead of buying again.
      if (sent) uncertain.push(sent);
      if (++storeErrors > MAX_STORE_ERRORS) {
        throw error instanceof StoreUnavailableError
          ? error
          : new StoreUnavailableError(undefined, { cause: error });
      }
      await backoff(storeErrors);
    }
  }
}
