import type { Product } from '@/lib/api-types';
import type { ProductBody } from '@/lib/api-schemas';
import { LIMITS } from '@/lib/limits';
import { appContext, type StoreContext } from '@/lib/redis/client';
import type { Plan } from '@/lib/redis/watched';
import { ALL_BUCKETS, defaultBuckets, evenSplit, parseBuckets, queueBuckets } from './buckets';
import { adminWrite } from './admin-write';
import { nextVersion, parseProduct, toProduct, type ProductRecord } from './product';
import { stockChanged } from './stock-events';

/** A product as an admin write reads it: its record and the units in each of its buckets. */
export type Stored = { existing: ProductRecord | undefined; stocks: number[] };

/**
 * One admin write to a product as a watched transaction: WATCH the product and every bucket, read
 * them, let `planWrite` plan, and mark the plan's writes with a token of their own so a lost EXEC
 * reply is resolved instead of applied twice. Every write raises the product's terms version
 * (`keys.terms`), which every sale WATCHes: a sale that read the product before this write can
 * no longer commit. Contention and an unresolved outcome are thrown as the store layer's errors
 * (the admin sees 503 and can look before trying again).
 */
export async function writeProduct<V>(
  ctx: StoreContext,
  sku: string,
  planWrite: (stored: Stored) => Plan<V>,
): Promise<V> {
  const { keys } = ctx;
  const key = keys.product(sku);
  const bucketKeys = ALL_BUCKETS.map((i) => keys.bucket(sku, i));
  return adminWrite(
    ctx,
    sku,
    {
      watch: [key, ...bucketKeys],
      read: (pipe) => void pipe.hgetall(key).mget(...bucketKeys),
      parse: ([hash, buckets]) => {
        const existing = parseProduct(sku, hash as Record<string, string>);
        const stocks = parseBuckets(buckets as (string | null)[], existing?.buckets ?? 0);
        return { existing, stocks };
      },
      decide: planWrite,
    },
    { terms: true, what: 'the product' },
  );
}

async function readRecord(ctx: StoreContext, sku: string): Promise<ProductRecord | undefined> {
  const { store, keys } = ctx;
  return parseProduct(sku, await store.hgetall(keys.product(sku)));
}

/** One product as the API shows it, or undefined. */
export async function getProduct(
  sku: string,
  ctx: StoreContext = appContext(),
): Promise<Product | undefined> {
  const record = await readRecord(ctx, sku);
  return record && toProduct(record, ctx.config.PURCHASE_MODE);
}

/** Every product, by start time then SKU. */
export async function listProducts(ctx: StoreContext = appContext()): Promise<Product[]> {
  const { store, keys } = ctx;
  const skus = await store.smembers(keys.catalogue);
  const records = await Promise.all(skus.map((sku) => readRecord(ctx, sku)));
  return records
    .filter((r): r is ProductRecord => r !== undefined)
    .sort((a, b) => a.startsAt - b.startsAt || a.sku.localeCompare(b.sku))
    .map((r) => toProduct(r, ctx.config.PURCHASE_MODE));
}

/**
 * A write made on the condition that the product is still at the version its writer read
 * (If-Match), refused because it is not: `current` is the product now (undefined: it is gone).
 */
export class VersionMismatch extends Error {
  constructor(readonly current: Product | undefined) {
    super('the product changed since it was read');
    this.name = 'VersionMismatch';
  }
}

/** True when a write conditioned on `ifMatch` (undefined: none) may go ahead on `existing`. */
function matches(existing: ProductRecord | undefined, ifMatch: number | undefined): boolean {
  return ifMatch === undefined || existing?.version === ifMatch;
}

/** The refusal of a write whose condition no longer holds, with the product as it is now. */
function mismatch(ctx: StoreContext, existing: ProductRecord | undefined): VersionMismatch {
  return new VersionMismatch(existing && toProduct(existing, ctx.config.PURCHASE_MODE));
}

/**
 * Creates a product with its stock, or updates its name, price, limit, window, purchase mode and
 * bucket count, raising its version. An update never changes stock (only restock does); a new
 * bucket count spreads the units left evenly again. Runs watched, so it never overwrites a
 * purchase; with `ifMatch`, the version the admin read is checked in the same watched read, and
 * VersionMismatch is thrown (nothing written) when another write came first.
 */
export async function upsertProduct(
  sku: string,
  input: ProductBody,
  ctx: StoreContext = appContext(),
  ifMatch?: number,
): Promise<{ created: boolean; product: Product }> {
  const { store, keys } = ctx;
  const key = keys.product(sku);
  const now = Date.now();
  // Asked before the transaction: the count a new product gets when none is given.
  const newBuckets = input.buckets ?? (await defaultBuckets(ctx));
  type Written = { created: boolean; record: ProductRecord } | VersionMismatch;
  const written = await writeProduct<Written>(ctx, sku, ({ existing, stocks }) => {
    if (!matches(existing, ifMatch)) return { write: false, value: mismatch(ctx, existing) };
    const buckets = existing ? (input.buckets ?? existing.buckets) : newBuckets;
    const meta = {
      name: input.name,
      priceCents: input.priceCents,
      limitPerShopper: input.limitPerShopper,
      startsAt: input.startsAt ? Date.parse(input.startsAt) : (existing?.startsAt ?? now),
      endsAt: input.endsAt ? Date.parse(input.endsAt) : null,
      ...(input.purchaseMode ? { purchaseMode: input.purchaseMode } : {}),
      checkoutMode: input.checkoutMode ?? existing?.checkoutMode ?? 'instant',
      holdSeconds: input.holdSeconds ?? existing?.holdSeconds ?? LIMITS.holdSecondsDefault,
      buckets,
      version: nextVersion(existing, now),
    };
    const counts = existing ?? { stock: input.stock, sold: 0, held: 0, totalStock: input.stock };
    const next: ProductRecord = {
      ...existing,
      sku,
      ...meta,
      stock: counts.stock,
      sold: counts.sold,
      held: counts.held,
      totalStock: counts.totalStock,
      // Only the waiting room's own route switches it (lib/queue/settings.ts).
      queue: existing?.queue ?? false,
    };
    // An update writes only the product's description: stock, sold and total stay as they are.
    const fields = { ...meta, endsAt: meta.endsAt ?? '', ...(existing ? {} : counts) };
    const units = existing ? stocks.reduce((a, b) => a + b, 0) : input.stock;
    const rebucket = !existing || existing.buckets !== buckets;
    return {
      write: true,
      value: { created: !existing, record: next },
      queue(tx) {
        tx.hset(key, fields);
        if (rebucket) queueBuckets(ctx, tx, sku, evenSplit(units, buckets));
      },
    };
  });
  if (written instanceof VersionMismatch) throw written;
  const { created, record } = written;
  await Promise.all([
    store.sadd(keys.catalogue, sku),
    // Saving an archived product brings it back to the storefront.
    store.srem(keys.archived, sku),
    stockChanged(ctx, sku),
  ]);
  return { created, product: toProduct(record, ctx.config.PURCHASE_MODE) };
}

/**
 * Adds `add` units to a product's stock and total in a watched transaction: a concurrent
 * purchase is never lost, and a lost reply never adds twice. Undefined when the product does not
 * exist; `stock_ceiling` (nothing written) when the stock would pass LIMITS.stock, the ceiling a
 * product is created with. Adding is right whatever else changed, so it leaves the version as it
 * is and needs no condition; with `ifMatch` it is refused (VersionMismatch) when the product was
 * edited since that version was read.
 */
export async function restock(
  sku: string,
  add: number,
  ctx: StoreContext = appContext(),
  ifMatch?: number,
): Promise<Product | 'stock_ceiling' | undefined> {
  const key = ctx.keys.product(sku);
  const after = await writeProduct<ProductRecord | 'stock_ceiling' | VersionMismatch | undefined>(
    ctx,
    sku,
    ({ existing: record, stocks }) => {
      if (!matches(record, ifMatch)) return { write: false, value: mismatch(ctx, record) };
      if (!record) return { write: false, value: undefined };
      if (record.stock + add > LIMITS.stock) return { write: false, value: 'stock_ceiling' };
      const next = { ...record, stock: record.stock + add, totalStock: record.totalStock + add };
      // Every bucket is watched: the new units and the old ones are spread evenly again.
      const units = stocks.reduce((a, b) => a + b, 0) + add;
      return {
        write: true,
        value: next,
        queue(tx) {
          queueBuckets(ctx, tx, sku, evenSplit(units, record.buckets));
          tx.hincrby(key, 'stock', add).hincrby(key, 'totalStock', add);
        },
      };
    },
  );
  if (after instanceof VersionMismatch) throw after;
  if (after === undefined || after === 'stock_ceiling') return after;
  await stockChanged(ctx, sku);
  return toProduct(after, ctx.config.PURCHASE_MODE);
}

/**
 * Gives products stored before stock buckets existed (no `buckets` field, no bucket keys) one
 * bucket holding their stock, so they keep selling. Run at start; answers how many it moved.
 */
export async function adoptBuckets(ctx: StoreContext = appContext()): Promise<number> {
  const { store, keys } = ctx;
  let adopted = 0;
  for (const sku of await store.smembers(keys.catalogue)) {
    if ((await store.hget(keys.product(sku), 'buckets')) !== null) continue;
    const moved = await writeProduct(ctx, sku, ({ existing, stocks }) => {
      if (!existing || stocks.some((units) => units > 0)) return { write: false, value: false };
      return {
        write: true,
        value: true,
        queue(tx) {
          tx.hset(keys.product(sku), 'buckets', 1);
          queueBuckets(ctx, tx, sku, [existing.stock]);
        },
      };
    });
    if (moved) adopted++;
  }
  return adopted;
}
