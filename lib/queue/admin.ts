import type { QueueAdmin, QueueTicketsBody } from '@/lib/api-types';
import { toPublicBody, type PublicBody } from '@/lib/http/public-json';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { admittedBy } from './anchor';
import { currentView, settledView } from './status';
import { admittedAt, statusOf, ticketCount } from './view';

/**
 * The admin's view of a product's waiting room now (read afresh, due work done; the store's clock,
 * or `at` in tests that play a timeline): its public status, settings, and how many wait, were
 * admitted, and are in their turn now (admitted within the last admit window). Undefined for an
 * unknown product.
 */
export async function queueAdmin(
  ctx: StoreContext,
  sku: string,
  at?: number,
): Promise<QueueAdmin | undefined> {
  const view = await settledView(ctx, sku, at);
  const now = view.at;
  if (!view.product) return undefined;
  const { record } = view;
  const admitted = admittedAt(view, now);
  const windowStart = now - record.admitWindowSeconds * 1000;
  const before =
    record.revealedAt === null ? 0 : admittedBy(record.history, windowStart, view.tail);
  return {
    status: statusOf(sku, view, now),
    enabled: view.product.queue,
    paused: record.paused,
    opensBeforeSeconds: record.opensBeforeSeconds,
    waiting: ticketCount(view) - admitted,
    admitted,
    active: admitted - before,
    revealedAt: record.revealedAt === null ? null : new Date(record.revealedAt).toISOString(),
    preCount: record.revealedAt === null ? view.preLength : record.preCount,
  };
}

/**
 * The pre-start tickets in the order the server ranked them, with the seed: what anyone needs to
 * recompute the shuffle (scripts/verify-queue.mjs). `not_revealed` before the start; undefined for
 * an unknown product or one without a waiting room.
 */
export async function queueTickets(
  ctx: StoreContext,
  sku: string,
): Promise<QueueTicketsBody | 'not_revealed' | undefined> {
  const view = await currentView(ctx, sku);
  if (!view.product || !view.record.seedHash) return undefined;
  const { seed, seedHash, revealedAt } = view.record;
  if (revealedAt === null || !seed) return 'not_revealed';
  const ranks = await ctx.store.hgetall(ctx.keys.queueRanks(sku));
  const tickets = Object.entries(ranks)
    .sort(([, a], [, b]) => Number(a) - Number(b))
    .map(([id]) => id);
  return { seed, seedHash, tickets };
}

/** Published ticket lists per context: fixed once revealed, so each is read and serialised once. */
const published = new WeakMap<StoreContext, Map<string, PublicBody>>();

/**
 * `GET /api/products/{sku}/queue/tickets` as sent. The list never changes after the reveal, so it
 * is kept per waiting room (its seed) for the life of the process, not re-read per poll.
 */
export async function queueTicketsBody(
  sku: string,
  ctx: StoreContext = appContext(),
): Promise<PublicBody | 'not_revealed' | undefined> {
  const view = await currentView(ctx, sku);
  const memo = published.get(ctx) ?? new Map<string, PublicBody>();
  published.set(ctx, memo);
  const key = `${sku}:${view.record.seedHash ?? ''}:${view.record.revealedAt ?? ''}`;
  const kept = memo.get(key);
  if (kept) return kept;
  const body = await queueTickets(ctx, sku);
  if (typeof body !== 'object') return body;
  const made = toPublicBody(body);
  if (memo.size >= 100) memo.clear();
  memo.set(key, made);
  return made;
}
