import type { SnapshotBody, Stats } from '@/lib/api-types';
import { readLog } from '@/lib/activity/read-log';
import { readStats } from '@/lib/activity/stats';
import { toPublicBody, type PublicBody } from '@/lib/http/public-json';
import { getProduct, listProducts } from '@/lib/inventory/catalogue';
import { readCache } from '@/lib/read-cache';

// The data, shared by the routes that show it (the snapshot and the single reads).
const products = () => readCache().read('d:products', listProducts);
const stats = () => readCache().read('d:stats', () => readStats());
const log = (limit: number, sku?: string) =>
  readCache().read(`d:log:${limit}:${sku ?? ''}`, () => readLog(limit, sku));

// The serialised answers: one JSON.stringify and one hash per cache lifetime, not per request.
const body = (key: string, make: () => Promise<unknown>) =>
  readCache().read(`b:${key}`, async () => toPublicBody(await make()));

/** The catalogue as `GET /api/products` sends it. */
export function productsBody(): Promise<PublicBody> {
  return body('products', async () => ({ products: await products() }));
}

/** One product as `GET /api/products/{sku}` sends it, or undefined when there is none. */
export function productBody(sku: string): Promise<PublicBody | undefined> {
  return readCache().read(`b:product:${sku}`, async () => {
    const product = await getProduct(sku);
    return product && toPublicBody(product);
  });
}

/** The totals as `GET /api/stats` sends them. */
export function statsBody(): Promise<PublicBody> {
  return body('stats', stats);
}

/** The newest log entries as `GET /api/log` sends them. */
export function logBody(limit: number, sku?: string): Promise<PublicBody> {
  return body(`log:${limit}:${sku ?? ''}`, async () => ({ entries: await log(limit, sku) }));
}

/**
 * The stats as the snapshot carries them: a minute without a purchase or a conflict has an empty
 * `perSecond`, so an idle store's snapshot stays the same from one second to the next (and a
 * poll gets a 304) instead of changing only because the window moved.
 */
function quietStats(s: Stats): Stats {
  const quiet = s.perSecond?.every((x) => x.purchased === 0 && x.conflicts === 0) ?? true;
  return quiet ? { ...s, perSecond: [] } : s;
}

/** Products, stats and the newest log entries as `GET /api/snapshot` sends them. */
export function snapshotBody(limit: number, sku?: string): Promise<PublicBody> {
  return body(`snapshot:${limit}:${sku ?? ''}`, async (): Promise<SnapshotBody> => {
    const [p, s, l] = await Promise.all([products(), stats(), log(limit, sku)]);
    return { products: p, stats: quietStats(s), log: l };
  });
}
