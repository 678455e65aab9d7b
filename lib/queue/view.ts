import type { QueueStatus } from '@/lib/api-types';
import type { StoreContext } from '@/lib/redis/client';
import { readStoreTime } from '@/lib/redis/clock';
import { admittedBy } from './anchor';
import {
  nothingLeft,
  parseQueue,
  parseQueueProduct,
  PRODUCT_FIELDS,
  type QueueProduct,
  type QueueRecord,
} from './record';

/** Everything the public status is made of: four O(1) reads, whatever the queue's length. */
export type QueueView = {
  /** The store's time (Redis `TIME`, ms) read with the rest: the time the view stands at. */
  at: number;
  product: QueueProduct | undefined;
  record: QueueRecord;
  /** Tickets in the pre-queue (its list's length). */
  preLength: number;
  /** Ranks given (0 before the reveal). */
  tail: number;
};

/**
 * Reads a product's waiting room: HGETALL queue, HMGET product, LLEN pre, GET tail, and the
 * store's clock (TIME) in the same round trip.
 */
export async function readView(ctx: StoreContext, sku: string): Promise<QueueView> {
  const { store, keys, config } = ctx;
  const [at, hash, fields, preLength, tail] = await Promise.all([
    readStoreTime(store),
    store.hgetall(keys.queue(sku)),
    store.hmget(keys.product(sku), ...PRODUCT_FIELDS),
    store.llen(keys.queuePre(sku)),
    store.get(keys.queueTail(sku)),
  ]);
  return {
    at,
    product: parseQueueProduct(fields),
    record: parseQueue(config, hash),
    preLength,
    tail: Number(tail ?? 0),
  };
}

export type QueueState = QueueStatus['state'];

/** When the queue opens (epoch ms). */
export function opensAt(product: QueueProduct, record: QueueRecord): number {
  return product.startsAt - record.opensBeforeSeconds * 1000;
}

/** True when the product sells through a waiting room that has its seed committed. */
export function isOn(view: QueueView): view is QueueView & { product: QueueProduct } {
  return Boolean(view.product?.queue && view.record.seedHash);
}

/** Where the waiting room stands at `now`. */
export function stateAt(view: QueueView, now: number): QueueState {
  if (!isOn(view)) return 'off';
  const { product, record } = view;
  if (product.endsAt !== null && now >= product.endsAt) return 'ended';
  if (nothingLeft(product)) return 'sold_out';
  if (now < opensAt(product, record)) return 'not_open';
  if (now < product.startsAt) return 'open';
  return record.paused ? 'paused' : 'admitting';
}

/** True when the start has come and the pre-queue is not ranked yet. */
export function needsReveal(view: QueueView, now: number): boolean {
  return isOn(view) && view.record.revealedAt === null && now >= view.product.startsAt;
}

/** Whether admission should stand still: paused, or nothing left to buy or hold. */
export function wantsFrozen(view: QueueView): boolean {
  return view.record.paused || (view.product ? nothingLeft(view.product) : true);
}

/** True when the admission history's last segment disagrees with what it should be now. */
export function needsSync(view: QueueView): boolean {
  const last = view.record.history[view.record.history.length - 1];
  return isOn(view) && last !== undefined && last.frozen !== wantsFrozen(view);
}

/** Ranks admitted at `now` (0 before the reveal), never more than the tickets there are. */
export function admittedAt(view: QueueView, now: number): number {
  return view.record.revealedAt === null ? 0 : admittedBy(view.record.history, now, view.tail);
}

/** Tickets taken so far: the pre-queue's before the reveal, every rank given after it. */
export function ticketCount(view: QueueView): number {
  return view.record.revealedAt === null ? view.preLength : view.tail;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The public status of the waiting room at `now`: the same for every shopper. */
export function statusOf(sku: string, view: QueueView, now: number): QueueStatus {
  const { record, product } = view;
  const revealed = record.revealedAt !== null;
  const last = record.history[record.history.length - 1];
  return {
    sku,
    state: stateAt(view, now),
    opensAt: product ? iso(opensAt(product, record)) : null,
    startsAt: product ? iso(product.startsAt) : null,
    seedHash: record.seedHash,
    seed: revealed ? record.seed : null,
    ratePerSecond: last?.rate ?? record.ratePerSecond,
    admitted: admittedAt(view, now),
    at: iso(now),
    tickets: ticketCount(view),
    admitWindowSeconds: record.admitWindowSeconds,
    powDifficulty: record.powDifficulty,
  };
}
