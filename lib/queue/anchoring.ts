import { randomUUID } from 'node:crypto';
import { watchPolicy } from '@/lib/inventory/policies';
import type { StoreContext } from '@/lib/redis/client';
import { StoreContentionError, StoreUnavailableError } from '@/lib/redis/errors';
import { runWatched, type Plan } from '@/lib/redis/watched';
import {
  parseQueue,
  parseQueueProduct,
  PRODUCT_FIELDS,
  type QueueProduct,
  type QueueRecord,
} from './record';

/** The waiting room as a queue write reads it. */
export type QueueSnapshot = {
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
 * `terms`, the product hash), read them with the ranks given (queueTail), let `plan` decide, and
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
  { terms = false }: { terms?: boolean } = {},
): Promise<V> {
  const { keys } = ctx;
  const queueKey = keys.queue(sku);
  const productKey = keys.product(sku);
  const token = { key: keys.writeToken(sku, randomUUID()) };
  const result = await runWatched(ctx, watchPolicy(ctx.config, 'admin'), {
    watch: terms ? [queueKey, productKey] : [queueKey],
    read: (pipe) =>
      void pipe
        .hgetall(queueKey)
        .hmget(productKey, ...PRODUCT_FIELDS)
        .get(keys.queueTail(sku))
        .hget(productKey, 'version'),
    parse: ([hash, fields, tail, version]): QueueSnapshot => {
      const product = parseQueueProduct(fields as (string | null)[]);
      return {
        record: parseQueue(ctx.config, hash as Record<string, string>),
        product,
        exists: product !== undefined,
        tail: Number(tail ?? 0),
        version: Number(version ?? 0),
      };
    },
    decide(snapshot) {
      const planned = plan(snapshot);
      if (!planned.write) return planned;
      return {
        ...planned,
        queue(tx) {
          if (terms) tx.incr(keys.terms(sku));
          planned.queue(tx);
          tx.set(token.key, '1', 'EX', ctx.config.IDEMPOTENCY_TTL_S);
        },
        token,
      };
    },
  });
  switch (result.status) {
    case 'written':
    case 'unchanged':
      return result.value;
    case 'contention':
      throw new StoreContentionError('the waiting room kept changing; try again');
    case 'unknown':
      throw new StoreUnavailableError('the outcome of the write is unknown', {
        cause: result.cause,
      });
    case 'unconfirmed':
      throw new StoreUnavailableError('no replica confirmed the write in time');
  }
}
