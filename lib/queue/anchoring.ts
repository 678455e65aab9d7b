import { adminWrite } from '@/lib/inventory/admin-write';
import type { StoreContext } from '@/lib/redis/client';
import { parseStoreTime, queueStoreTime } from '@/lib/redis/clock';
import type { Plan } from '@/lib/redis/watched';
import {
  parseQueue,
  parseQueueProduct,
  PRODUCT_FIELDS,
  type QueueProduct,
  type QueueRecord,
} from './record';

/** The waiting room as a queue write reads it. */
export type QueueSnapshot = {
  /** The store's time (TIME, read with the rest): the time every re-anchor is made at. */
  now: number;
  record: QueueRecord;
  product: QueueProduct | undefined;
  /** The product hash exists (the admin route's 404). */
  exists: boolean;
  tail: number;
  /** The product's version (its admin ETag). */
  version: number;
};

/** The queue hash's fields a plan writes (strings, as HSET stores them). */
export type QueueFields = Record<string, string | number>;

/**
 * One write to a product's waiting room as a watched transaction: WATCH the queue hash (and, with
 * `terms`, the product hash), read them with the ranks given (queueTail) and the store's clock
 * (`at`, for tests that play a timeline, stands in for it), let `plan` decide, and
 * mark the writes with a token so a lost reply is resolved, not applied twice. Pause, resume,
 * rate changes and the freeze when nothing is left all re-anchor through here, so two instances
 * (or two admins) never both append a segment to the same history. With `terms`, the plan may
 * change the product's terms (its `queue` flag): the terms fence is raised, as every admin write
 * does. Contention and an unresolved outcome are thrown as the store layer's errors.
 */
export async function writeQueue<V>(
  ctx: StoreContext,
  sku: string,
  plan: (snapshot: QueueSnapshot) => Plan<V>,
  { terms = false, at }: { terms?: boolean; at?: number } = {},
): Promise<V> {
  const { keys } = ctx;
  const queueKey = keys.queue(sku);
  const productKey = keys.product(sku);
  return adminWrite(
    ctx,
    sku,
    {
      watch: terms ? [queueKey, productKey] : [queueKey],
      read: (pipe) => {
        queueStoreTime(pipe);
        pipe
          .hgetall(queueKey)
          .hmget(productKey, ...PRODUCT_FIELDS, 'version')
          .get(keys.queueTail(sku));
      },
      parse: ([time, hash, read, tail]): QueueSnapshot => {
        const fields = read as (string | null)[];
        const product = parseQueueProduct(fields.slice(0, PRODUCT_FIELDS.length));
        const version = fields[PRODUCT_FIELDS.length];
        return {
          now: at ?? parseStoreTime(time),
          record: parseQueue(ctx.config, hash as Record<string, string>),
          product,
          exists: product !== undefined,
          tail: Number(tail ?? 0),
          version: Number(version ?? 0),
        };
      },
      decide: plan,
    },
    { terms, what: 'the waiting room' },
  );
}
