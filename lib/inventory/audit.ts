import type { Audit, AuditRow } from '@/lib/api-types';
import { noteHoldsDue } from '@/lib/holds/due-index';
import { parseHold } from '@/lib/holds/hold';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { ALL_BUCKETS, parseBuckets } from './buckets';
import { parseProduct } from './product';

/** Units of the orders not refunded (HGETALL of JSON orders, the refunded ids). */
function orderUnits(orders: Record<string, string>, refunded: Set<string>): number {
  return Object.entries(orders).reduce(
    (sum, [id, raw]) =>
      refunded.has(id) ? sum : sum + Number((JSON.parse(raw) as { quantity: number }).quantity),
    0,
  );
}

/** Tries to read a product whose live holds change between the id list and the snapshot. */
const SNAPSHOT_TRIES = 5;

type Replies = [
  Record<string, string>,
  Record<string, string>,
  (string | null)[],
  string[],
  Record<string, string>,
  (string | null)[]?,
];

/**
 * One consistent read of a product: hash, orders, buckets, live hold ids, refunds and the live
 * holds' records in one MULTI. The hold ids are asked first; when they changed by the MULTI, it
 * is read again (a few times, then the last read counts — a hold whose record was not read
 * shows as a mismatch, never hides one).
 */
async function readProduct(ctx: StoreContext, sku: string): Promise<Replies> {
  const { store, keys } = ctx;
  const bucketKeys = ALL_BUCKETS.map((i) => keys.bucket(sku, i));
  let ids = await store.zrange(keys.holdsDue(sku), '0', '-1');
  for (let attempt = 1; ; attempt++) {
    const multi = store
      .multi()
      .hgetall(keys.product(sku))
      .hgetall(keys.orders(sku))
      .mget(...bucketKeys)
      .zrange(keys.holdsDue(sku), '0', '-1')
      .hgetall(keys.refunds(sku));
    if (ids.length) multi.mget(...ids.map((id) => keys.hold(sku, id)));
    const replies = (await multi.exec()) ?? [];
    for (const reply of replies) if (reply?.[0]) throw reply[0];
    const values = replies.map(([, value]) => value) as Replies;
    const live = values[3];
    const same = live.length === ids.length && live.every((id, i) => id === ids[i]);
    if (same || attempt >= SNAPSHOT_TRIES) return values;
    ids = live;
  }
}

/**
 * Checks the invariant of every product against its stored orders, holds and buckets: stock ≥ 0,
 * held ≥ 0, stock + held + sold = totalStock, held = the units of its holds in state held, sold =
 * the units of its orders not refunded, and its buckets (none below zero, none unused holding
 * units) add up to its stock. Each product is read in one MULTI so no sale or hold change lands
 * between the reads. Lists the stuck holds: held past their expiry by more than
 * HOLD_STUCK_GRACE_MS (the sweep should have ended them); every product with live holds is
 * (re-)noted in the due index, so a stuck hold the index had lost is swept from then on.
 */
export async function audit(ctx: StoreContext = appContext()): Promise<Audit> {
  const { store, keys } = ctx;
  // Archived products keep their orders, so they are audited too (two reads: on Cluster the
  // two sets may sit in different slots).
  const sets = await Promise.all([store.smembers(keys.catalogue), store.smembers(keys.archived)]);
  const skus = [...new Set(sets.flat())].sort();
  const rows = await Promise.all(
    skus.map(async (sku): Promise<AuditRow | undefined> => {
      const [hash, orders, bucketValues, , refunds, holdRaws = []] = await readProduct(ctx, sku);
      const record = parseProduct(sku, hash);
      if (!record) return undefined;
      const units = orderUnits(orders, new Set(Object.keys(refunds)));
      const all = parseBuckets(bucketValues, ALL_BUCKETS.length);
      const buckets = all.slice(0, record.buckets);
      const now = Date.now();
      let holdUnits = 0;
      let stuckHolds = 0;
      let earliest = Infinity;
      for (const raw of holdRaws) {
        const hold = parseHold(raw);
        if (hold?.state !== 'held') continue;
        holdUnits += hold.quantity;
        earliest = Math.min(earliest, hold.expiresAt);
        if (now - hold.expiresAt > ctx.config.HOLD_STUCK_GRACE_MS) stuckHolds++;
      }
      // The repair of the due index: every product with live holds is in it (lib/holds/due-index).
      if (earliest < Infinity) await noteHoldsDue(ctx, sku, earliest);
      const ok =
        record.stock >= 0 &&
        record.held >= 0 &&
        record.stock + record.held + record.sold === record.totalStock &&
        record.held === holdUnits &&
        record.sold === units &&
        buckets.every((b) => b >= 0) &&
        all.slice(record.buckets).every((b) => b === 0) &&
        buckets.reduce((a, b) => a + b, 0) === record.stock;
      return {
        sku,
        stock: record.stock,
        sold: record.sold,
        totalStock: record.totalStock,
        orderUnits: units,
        buckets,
        held: record.held,
        holdUnits,
        stuckHolds,
        ok,
      };
    }),
  );
  const products = rows.filter((r): r is AuditRow => r !== undefined);
  return {
    ok: products.every((p) => p.ok),
    stuckHolds: products.reduce((sum, p) => sum + p.stuckHolds, 0),
    products,
  };
}
