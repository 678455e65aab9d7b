import type { Product } from '@/lib/api-types';
import { shared } from '@/lib/redis/client';
import { parseProduct, toProduct, type ProductRecord } from './product';
import { announceStockChange } from './sold-out-cache';
import { withWatch } from './with-watch';

/** The fields an admin sets on a product; stock only counts when the product is created. */
export type ProductInput = {
  name: string;
  priceCents: number;
  stock: number;
  limitPerShopper: number;
  startsAt?: string;
  endsAt?: string | null;
};

async function readRecord(sku: string): Promise<ProductRecord | undefined> {
  const { store, keys } = shared();
  return parseProduct(sku, await store.hgetall(keys.product(sku)));
}

/** One product as the API shows it, or undefined. */
export async function getProduct(sku: string): Promise<Product | undefined> {
  const record = await readRecord(sku);
  return record && toProduct(record);
}

/** Every product, by start time then SKU. */
export async function listProducts(): Promise<Product[]> {
  const { store, keys } = shared();
  const skus = await store.smembers(keys.catalogue);
  const records = await Promise.all(skus.map(readRecord));
  return records
    .filter((r): r is ProductRecord => r !== undefined)
    .sort((a, b) => a.startsAt - b.startsAt || a.sku.localeCompare(b.sku))
    .map((r) => toProduct(r));
}

/**
 * Creates a product with its stock, or updates its name, price, limit and window. An update
 * never changes stock (only restock does); runs watched, so it never overwrites a purchase.
 */
export async function upsertProduct(
  sku: string,
  input: ProductInput,
): Promise<{ created: boolean; product: Product }> {
  const { store, keys } = shared();
  const key = keys.product(sku);
  const now = Date.now();
  const { created, record } = await withWatch(
    key,
    async (conn) => parseProduct(sku, await conn.hgetall(key)),
    (existing) => {
      const meta = {
        name: input.name,
        priceCents: input.priceCents,
        limitPerShopper: input.limitPerShopper,
        startsAt: input.startsAt ? Date.parse(input.startsAt) : (existing?.startsAt ?? now),
        endsAt: input.endsAt ? Date.parse(input.endsAt) : null,
      };
      const counts = existing ?? { stock: input.stock, sold: 0, totalStock: input.stock };
      const next: ProductRecord = {
        sku,
        ...meta,
        stock: counts.stock,
        sold: counts.sold,
        totalStock: counts.totalStock,
      };
      // An update writes only the product's description: stock, sold and total stay as they are.
      const fields = { ...meta, endsAt: meta.endsAt ?? '', ...(existing ? {} : counts) };
      return {
        write: true,
        value: { created: !existing, record: next },
        queue: (tx) => void tx.hset(key, fields),
      };
    },
  );
  await Promise.all([store.sadd(keys.catalogue, sku), announceStockChange(sku)]);
  return { created, product: toProduct(record) };
}

/**
 * Adds `add` units to a product's stock and total in a watched transaction: a concurrent
 * purchase is never lost. Undefined when the product does not exist.
 */
export async function restock(sku: string, add: number): Promise<Product | undefined> {
  const { keys } = shared();
  const key = keys.product(sku);
  const after = await withWatch(
    key,
    async (conn) => parseProduct(sku, await conn.hgetall(key)),
    (record) => {
      if (!record) return { write: false, value: undefined };
      const next = { ...record, stock: record.stock + add, totalStock: record.totalStock + add };
      return {
        write: true,
        value: next,
        queue: (tx) => void tx.hincrby(key, 'stock', add).hincrby(key, 'totalStock', add),
      };
    },
  );
  if (!after) return undefined;
  await announceStockChange(sku);
  return toProduct(after);
}
