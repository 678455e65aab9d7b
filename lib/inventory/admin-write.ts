import { randomUUID } from 'node:crypto';
import type { StoreContext } from '@/lib/redis/client';
import { StoreContentionError, StoreUnavailableError } from '@/lib/redis/errors';
import { runWatched, type WatchedTransaction } from '@/lib/redis/watched';
import { watchPolicy } from './policies';

/**
 * One admin write to a product's keys as a watched transaction (the admin's policy: it retries
 * longer than a sale). Its writes are marked with a token of their own, so a lost EXEC reply is
 * resolved instead of applied twice; with `terms`, they first raise the product's terms version
 * (`keys.terms`), which every sale WATCHes, so no sale that read the old terms can commit (first,
 * so a plan that deletes the product deletes that key too). Contention and an unresolved outcome
 * are thrown as the store layer's errors (the admin sees 503 and can look before trying again);
 * `what` names what kept changing.
 */
export async function adminWrite<S, V>(
  ctx: StoreContext,
  sku: string,
  transaction: WatchedTransaction<S, V>,
  { terms, what }: { terms: boolean; what: string },
): Promise<V> {
  const { keys } = ctx;
  const token = { key: keys.writeToken(sku, randomUUID()) };
  const result = await runWatched(ctx, watchPolicy(ctx.config, 'admin'), {
    ...transaction,
    decide(snapshot) {
      const plan = transaction.decide(snapshot);
      if (!plan.write) return plan;
      return {
        ...plan,
        queue(tx) {
          if (terms) tx.incr(keys.terms(sku));
          plan.queue(tx);
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
      throw new StoreContentionError(`${what} kept changing; try again`);
    case 'unknown':
      throw new StoreUnavailableError('the outcome of the write is unknown', {
        cause: result.cause,
      });
    case 'unconfirmed':
      throw new StoreUnavailableError('no replica confirmed the write in time');
  }
}
