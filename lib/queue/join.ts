import { randomBytes } from 'node:crypto';
import type { Ticket } from '@/lib/api-types';
import { watchPolicy } from '@/lib/inventory/policies';
import type { StoreContext } from '@/lib/redis/client';
import { parseStoreTime, queueStoreTime } from '@/lib/redis/clock';
import { StoreContentionError, StoreOutcomeUnknownError } from '@/lib/redis/errors';
import { runWatched } from '@/lib/redis/watched';
import { idleReanchor } from './anchor';
import { checkProof, type Proof } from './pow';
import { parseQueue, parseQueueProduct, PRODUCT_FIELDS } from './record';
import { revealQueue } from './reveal';
import { readTicket } from './ticket';
import { needsReveal, stateAt, type QueueState, type QueueView } from './view';

/**
 * Gives the next rank after the start: INCR of the ranks given and the rank into the ticket, in
 * one step inside the join's MULTI (a plain INCR's reply cannot feed the same MULTI's HSET).
 * KEYS: queueTail, queueTicket.
 */
const NEXT_RANK = `local rank = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], 'rank', rank)
return rank`;

/** The states a shopper may join in. */
const JOINABLE: ReadonlySet<QueueState> = new Set(['open', 'admitting', 'paused']);

export type JoinResult =
  | { ok: true; ticket: Ticket; created: boolean }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'queue_not_open'; state: QueueState }
  | { ok: false; reason: Exclude<Proof, 'ok'> };

type Decided =
  | { kind: 'existing' }
  | { kind: 'created' }
  | { kind: 'reveal' }
  | Extract<JoinResult, { ok: false }>;

/**
 * Gives a session its one ticket for a product's waiting room: a watched transaction on the queue
 * hash and the session's ticket key (WATCH queue, queueTicket; reads them with the product, the
 * pre-queue's length and the ranks given; writes the ticket, and the pre-queue's list before the
 * start or the next rank after it), so two joins of one session make one ticket and a join racing
 * the reveal either lands in the pre-queue before it or is ranked after it. A repeat returns the
 * same ticket. After the start in a queue that had caught up, admission restarts from this rank
 * (the quiet time's credit never lets a burst in at once). With a proof of work asked, `nonce`
 * must solve the session's challenge. Every time in it (the state, the proof's window, joinedAt,
 * the ticket's lifetime) is the store's clock read in the WATCH round trip (`now`, for tests that
 * play a timeline, stands in for it).
 */
export async function joinQueue(
  ctx: StoreContext,
  sku: string,
  shopperId: string,
  { nonce, now: at }: { nonce?: string; now?: number } = {},
): Promise<JoinResult> {
  const { keys } = ctx;
  const queueKey = keys.queue(sku);
  const ticketKey = keys.queueTicket(sku, shopperId);
  const id = randomBytes(12).toString('base64url');
  for (let round = 0; round < 3; round++) {
    const result = await runWatched(ctx, watchPolicy(ctx.config, 'purchase'), {
      watch: [queueKey, ticketKey],
      read: (pipe) => {
        queueStoreTime(pipe);
        pipe
          .hgetall(queueKey)
          .hmget(ticketKey, 'id', 'q')
          .hmget(keys.product(sku), ...PRODUCT_FIELDS)
          .llen(keys.queuePre(sku))
          .get(keys.queueTail(sku));
      },
      parse: ([time, hash, held, fields, preLength, tail]) => {
        const record = parseQueue(ctx.config, hash as Record<string, string>);
        const [heldId, heldSeed] = held as (string | null)[];
        // A ticket counts for the waiting room whose seed it names (a product deleted and made
        // again starts a new one; its old tickets only expire).
        return {
          has: Boolean(heldId) && heldSeed === record.seedHash,
          view: {
            at: at ?? parseStoreTime(time),
            record,
            product: parseQueueProduct(fields as (string | null)[]),
            preLength: Number(preLength),
            tail: Number(tail ?? 0),
          } satisfies QueueView,
        };
      },
      decide: ({ has, view }) => {
        const now = view.at;
        const refuse = (value: Decided) => ({ write: false as const, value });
        if (has) return refuse({ kind: 'existing' });
        const { product } = view;
        if (!product) return refuse({ ok: false, reason: 'not_found' });
        const state = stateAt(view, now);
        if (!JOINABLE.has(state)) return refuse({ ok: false, reason: 'queue_not_open', state });
        const proof = checkProof(ctx, sku, shopperId, nonce, view.record.powDifficulty, now);
        if (proof !== 'ok') return refuse({ ok: false, reason: proof });
        if (needsReveal(view, now)) return refuse({ kind: 'reveal' });
        const pre = view.record.revealedAt === null;
        const idle = pre ? undefined : idleReanchor(view.record.history, now, view.tail);
        return {
          write: true,
          value: { kind: 'created' } as Decided,
          token: { key: ticketKey, field: 'id' },
          queue(tx) {
            tx.del(ticketKey);
            tx.hset(ticketKey, { id, joinedAt: now, q: view.record.seedHash ?? '' });
            // Kept past the start however early it was taken, then the ticket lifetime.
            const untilStart = Math.max(0, Math.ceil((product.startsAt - now) / 1000));
            tx.expire(ticketKey, untilStart + ctx.config.QUEUE_TICKET_TTL_S);
            if (pre) {
              tx.rpush(keys.queuePre(sku), id);
              return;
            }
            if (idle) tx.hset(queueKey, 'history', JSON.stringify(idle));
            tx.eval(NEXT_RANK, 2, keys.queueTail(sku), ticketKey);
          },
        };
      },
    });
    if (result.status === 'contention') {
      throw new StoreContentionError('too many shoppers joined at once; try again');
    }
    if (result.status === 'unknown') {
      throw new StoreOutcomeUnknownError('whether the join went through is unknown', {
        cause: result.cause,
      });
    }
    const decided = result.value;
    if ('ok' in decided) return decided;
    if (decided.kind === 'reveal') {
      await revealQueue(ctx, sku, at);
      continue;
    }
    const ticket = await readTicket(ctx, sku, shopperId, at, { fresh: true });
    if (!ticket) break;
    return { ok: true, ticket, created: decided.kind === 'created' };
  }
  throw new StoreContentionError('the waiting room kept changing; try again');
}
