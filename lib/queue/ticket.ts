import type { Ticket } from '@/lib/api-types';
import type { StoreContext } from '@/lib/redis/client';
import { readStoreTime } from '@/lib/redis/clock';
import { turnStartsAt } from './anchor';
import { admittedAt, needsReveal, type QueueView } from './view';
import { gateCache } from './events';
import { currentView, settledView } from './status';

/** A ticket as stored in its hash; times are epoch ms. */
export type TicketRecord = {
  id: string;
  joinedAt: number;
  /** Null before the start for the pre-queue. */
  rank: number | null;
  /** Stored once the turn was first seen to have come, so it never moves afterwards. */
  admittedAt: number | null;
};

/** Reads a shopper's ticket (and, for a pre-start ticket after the reveal, its rank). */
export async function readTicketRecord(
  ctx: StoreContext,
  sku: string,
  shopperId: string,
  view: QueueView,
): Promise<TicketRecord | undefined> {
  const { store, keys } = ctx;
  const hash = await store.hgetall(keys.queueTicket(sku, shopperId));
  if (!hash.id || hash.q !== view.record.seedHash) return undefined;
  let rank = hash.rank ? Number(hash.rank) : null;
  if (rank === null && view.record.revealedAt !== null) {
    const ranked = await store.hget(keys.queueRanks(sku), hash.id);
    rank = ranked ? Number(ranked) : null;
  }
  return {
    id: hash.id,
    joinedAt: Number(hash.joinedAt ?? 0),
    rank,
    admittedAt: hash.admittedAt ? Number(hash.admittedAt) : null,
  };
}

/** Where a ticket stands at `now`. */
export type Place = {
  /** rank − admitted, 0 once admitted; null before the ranks are known. */
  position: number | null;
  admittedAt: number | null;
  turnEndsAt: number | null;
};

/** The place of a ticket in a view at `now`: its turn came when admission reached its rank. */
export function placeOf(view: QueueView, ticket: TicketRecord, now: number): Place {
  if (ticket.rank === null) return { position: null, admittedAt: null, turnEndsAt: null };
  const admitted = admittedAt(view, now);
  if (ticket.rank > admitted && ticket.admittedAt === null) {
    return { position: ticket.rank - admitted, admittedAt: null, turnEndsAt: null };
  }
  const reached = turnStartsAt(view.record.history, ticket.rank) ?? now;
  const at = ticket.admittedAt ?? Math.min(now, Math.max(reached, ticket.joinedAt));
  return { position: 0, admittedAt: at, turnEndsAt: at + view.record.admitWindowSeconds * 1000 };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The ticket as the API shows it. */
export function toTicket(ticket: TicketRecord, place: Place): Ticket {
  return {
    id: ticket.id,
    rank: ticket.rank,
    joinedAt: new Date(ticket.joinedAt).toISOString(),
    admittedAt: iso(place.admittedAt),
    turnEndsAt: iso(place.turnEndsAt),
  };
}

/** The turn's start, stored the first time it is seen, so a later re-anchor never moves it. */
async function keepAdmittedAt(
  ctx: StoreContext,
  sku: string,
  shopperId: string,
  ticket: TicketRecord,
  place: Place,
): Promise<void> {
  if (ticket.admittedAt !== null || place.admittedAt === null) return;
  await ctx.store.hsetnx(ctx.keys.queueTicket(sku, shopperId), 'admittedAt', place.admittedAt);
}

/**
 * The session's ticket with the store's time read beside it (TIME in the same round trip): the
 * time its turn is judged at. `at` (tests that play a timeline) stands in for the store's clock.
 */
async function ticketAt(
  ctx: StoreContext,
  sku: string,
  shopperId: string,
  view: QueueView,
  at: number | undefined,
): Promise<[TicketRecord | undefined, number]> {
  return Promise.all([readTicketRecord(ctx, sku, shopperId, view), at ?? readStoreTime(ctx.store)]);
}

/**
 * A shopper's ticket for a product's waiting room now (the store's clock; `at` stands in for it
 * in tests), or undefined without one; from the cached view unless `fresh` (right after a join,
 * whose rank the cached view may not count yet).
 */
export async function readTicket(
  ctx: StoreContext,
  sku: string,
  shopperId: string,
  at?: number,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<Ticket | undefined> {
  const view = fresh ? await settledView(ctx, sku, at) : await currentView(ctx, sku);
  const [ticket, now] = await ticketAt(ctx, sku, shopperId, view, at);
  if (!ticket) return undefined;
  const place = placeOf(view, ticket, now);
  await keepAdmittedAt(ctx, sku, shopperId, ticket, place);
  return toTicket(ticket, place);
}

/** Whether a session may buy (or hold) a product now. */
export type Admission =
  | { ok: true }
  | { ok: false; reason: 'no_ticket' | 'waiting' | 'turn_passed'; position: number | null };

/**
 * The waiting room's gate, the one check purchases and holds both call before their transaction:
 * a product without a waiting room lets everyone through; with one, only a session whose rank
 * has been admitted (by the store's clock, read beside the ticket) and whose turn has not passed.
 * Reads the cached view (O(1), shared by every request of the instance), the session's ticket
 * and TIME in one round trip. `at` (tests that play a timeline) stands in for the store's clock.
 */
export async function requireAdmitted(
  ctx: StoreContext,
  sku: string,
  shopperId: string,
  at?: number,
): Promise<Admission> {
  // The gate's own cache, emptied by queue events only (not by every sale): most products have
  // no waiting room, and one cached field tells.
  const cache = gateCache(ctx);
  const queued = await cache.read(
    `flag:${sku}`,
    async () => (await ctx.store.hget(ctx.keys.product(sku), 'queue')) === '1',
  );
  if (!queued) return { ok: true };
  let view = await cache.read(`view:${sku}`, () => settledView(ctx, sku));
  if (!view.product?.queue || !view.record.seedHash) return { ok: true };
  const [read, now] = await ticketAt(ctx, sku, shopperId, view, at);
  let ticket = read;
  if (needsReveal(view, now)) {
    // The start has come since the view was cached: reveal, and read the ticket's rank again.
    view = await settledView(ctx, sku, at);
    ticket = await readTicketRecord(ctx, sku, shopperId, view);
  }
  if (!ticket) return { ok: false, reason: 'no_ticket', position: null };
  // A ticket newer than the cached view (a join since): its rank is not counted there yet.
  if (ticket.rank !== null && ticket.rank > view.tail) view = await settledView(ctx, sku, at);
  const place = placeOf(view, ticket, now);
  if (place.admittedAt === null) return { ok: false, reason: 'waiting', position: place.position };
  await keepAdmittedAt(ctx, sku, shopperId, ticket, place);
  if (place.turnEndsAt !== null && now >= place.turnEndsAt) {
    return { ok: false, reason: 'turn_passed', position: 0 };
  }
  return { ok: true };
}
