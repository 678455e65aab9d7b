import { watchPolicy } from '@/lib/inventory/policies';
import type { StoreContext } from '@/lib/redis/client';
import { parseStoreTime, queueStoreTime } from '@/lib/redis/clock';
import { runWatched } from '@/lib/redis/watched';
import { rankTickets } from './rank.mjs';
import type { Segment } from './anchor';
import { queueChanged } from './events';
import { nothingLeft, parseQueue, parseQueueProduct, PRODUCT_FIELDS } from './record';

type RevealSnapshot = {
  now: number;
  record: ReturnType<typeof parseQueue>;
  ids: string[];
  product: ReturnType<typeof parseQueueProduct>;
};

/**
 * Ranks the pre-queue and makes the seed public, exactly once whoever runs it: a watched
 * transaction on the queue hash and the pre-queue's list (WATCH queue, queuePre; reads them and
 * the product; writes queue.revealedAt/preCount/history, queueRanks, queueTail), so a join that
 * lands in the pre-queue meanwhile makes it read again, and a second instance finds it done.
 * Ranks are the order of rankTickets (lib/queue/rank.mjs: the verifier's very code); admission
 * counts from the start time. Whether the start has come is the store's clock's say (TIME in the
 * WATCH round trip; `at`, for tests that play a timeline, stands in for it). Answers whether this
 * call revealed it.
 */
export async function revealQueue(ctx: StoreContext, sku: string, at?: number) {
  const { keys } = ctx;
  const queueKey = keys.queue(sku);
  const preKey = keys.queuePre(sku);
  const result = await runWatched(ctx, watchPolicy(ctx.config, 'admin'), {
    watch: [queueKey, preKey],
    read: (pipe) => {
      queueStoreTime(pipe);
      pipe
        .hgetall(queueKey)
        .lrange(preKey, 0, -1)
        .hmget(keys.product(sku), ...PRODUCT_FIELDS);
    },
    parse: ([time, hash, ids, fields]): RevealSnapshot => ({
      now: at ?? parseStoreTime(time),
      record: parseQueue(ctx.config, hash as Record<string, string>),
      ids: ids as string[],
      product: parseQueueProduct(fields as (string | null)[]),
    }),
    decide: ({ now, record, ids, product }) => {
      if (!product || !record.seed || record.revealedAt !== null || now < product.startsAt) {
        return { write: false, value: false };
      }
      const seed = record.seed;
      const order = rankTickets(seed, ids);
      const first: Segment = {
        base: 0,
        at: product.startsAt,
        rate: record.ratePerSecond,
        frozen: record.paused || nothingLeft(product),
      };
      return {
        write: true,
        value: true,
        token: { key: queueKey, field: 'revealedAt' },
        queue(tx) {
          if (order.length) {
            tx.hset(keys.queueRanks(sku), ...order.flatMap((id, i) => [id, String(i + 1)]));
          }
          tx.set(keys.queueTail(sku), order.length);
          tx.hset(queueKey, {
            revealedAt: now,
            preCount: order.length,
            history: JSON.stringify([first]),
          });
        },
      };
    },
  });
  const revealed = result.status === 'written' && result.value;
  if (revealed) await queueChanged(ctx, sku);
  return revealed;
}
