import type { Product, ProductStatus, PurchaseMode } from '@/lib/api-types';

/** A product as stored in its Redis hash; times are epoch milliseconds. */
export type ProductRecord = {
  sku: string;
  name: string;
  priceCents: number;
  limitPerShopper: number;
  startsAt: number;
  endsAt: number | null;
  stock: number;
  sold: number;
  /** Kept apart from stock and sold (set at creation, raised by restocks) so the audit can check them. */
  totalStock: number;
  /** How its buyers are sold; unset follows the instance's PURCHASE_MODE. */
  purchaseMode?: PurchaseMode;
  /** Stock buckets the stock is split into (1: one counter). */
  buckets: number;
  /** The version of the product's stored image; unset: none. */
  image?: string;
  /**
   * Version of what an admin edits (0 before versions were stored): every edit and archive raises
   * it, to at least the time of the write, so a product deleted and created again never repeats one.
   */
  version: number;
  /** The product sells through a waiting room (lib/queue): only admitted shoppers may buy. */
  queue: boolean;
};

/** The version a write of `existing` stores (watched, so two writes never take the same one). */
export function nextVersion(existing: ProductRecord | undefined, now: number): number {
  return Math.max((existing?.version ?? 0) + 1, now);
}

/** Reshapes a product hash (HGETALL) into a record; undefined when the product does not exist. */
export function parseProduct(sku: string, hash: Record<string, string>): ProductRecord | undefined {
  if (hash.name === undefined) return undefined;
  return {
    sku,
    name: hash.name,
    priceCents: Number(hash.priceCents ?? 0),
    limitPerShopper: Number(hash.limitPerShopper ?? 1),
    startsAt: Number(hash.startsAt ?? 0),
    endsAt: hash.endsAt ? Number(hash.endsAt) : null,
    stock: Number(hash.stock ?? 0),
    sold: Number(hash.sold ?? 0),
    totalStock: Number(hash.totalStock ?? 0),
    buckets: Number(hash.buckets ?? 1),
    version: Number(hash.version ?? 0),
    queue: hash.queue === '1',
    ...(hash.image ? { image: hash.image } : {}),
    ...(hash.purchaseMode === 'plain' || hash.purchaseMode === 'coalesce'
      ? { purchaseMode: hash.purchaseMode }
      : {}),
  };
}

/** Where the product stands at `now`: window first, then stock. */
export function statusAt(product: ProductRecord, now: number): ProductStatus {
  if (now < product.startsAt) return 'scheduled';
  if (product.endsAt !== null && now >= product.endsAt) return 'ended';
  return product.stock <= 0 ? 'sold_out' : 'live';
}

/** The product as every route returns it; `defaultMode` stands in for an unset purchase mode. */
export function toProduct(
  record: ProductRecord,
  defaultMode: PurchaseMode,
  now = Date.now(),
): Product {
  return {
    sku: record.sku,
    name: record.name,
    priceCents: record.priceCents,
    stock: record.stock,
    totalStock: record.totalStock,
    sold: record.sold,
    limitPerShopper: record.limitPerShopper,
    startsAt: new Date(record.startsAt).toISOString(),
    endsAt: record.endsAt === null ? null : new Date(record.endsAt).toISOString(),
    status: statusAt(record, now),
    purchaseMode: record.purchaseMode ?? defaultMode,
    buckets: record.buckets,
    image: record.image
      ? `/api/products/${encodeURIComponent(record.sku)}/image?v=${record.image}`
      : null,
    version: record.version,
    queue: record.queue,
  };
}
