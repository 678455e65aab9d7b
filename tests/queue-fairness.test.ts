import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { queueAdmin, queueTickets } from '@/lib/queue/admin';
import { joinQueue } from '@/lib/queue/join';
import { rankTickets, verifyOrder } from '@/lib/queue/rank.mjs';
import { revealQueue } from '@/lib/queue/reveal';
import { configureQueue, pauseQueue } from '@/lib/queue/settings';
import { settledView } from '@/lib/queue/status';
import { readTicket, requireAdmitted } from '@/lib/queue/ticket';
import {
  appContext,
  closeStoreContext,
  createStoreContext,
  type StoreContext,
} from '@/lib/redis/client';
import type { Ticket } from '@/lib/api-types';
import { configureApp } from './support/app-config';
import { newShopperId } from './support/store';

configureApp({ READ_CACHE_MS: '0' });

const HOUR = 3_600_000;
let n = 0;

/** A product whose sale starts at `startsAt`, with a waiting room open an hour before it. */
async function queuedProduct(startsAt: number, stock = 100_000, ratePerSecond = 5) {
  const sku = `q-${Date.now().toString(36)}-${n++}`;
  await upsertProduct(sku, {
    name: sku,
    priceCents: 100,
    stock,
    limitPerShopper: 10,
    startsAt: new Date(startsAt).toISOString(),
  });
  await configureQueue(appContext(), sku, {
    enabled: true,
    opensBeforeSeconds: 7200,
    ratePerSecond,
  });
  return sku;
}

/** Joins `shoppers` in parallel chunks (as a crowd does), all at `now`. */
async function joinAll(ctx: StoreContext, sku: string, shoppers: string[], now: number) {
  const tickets: Ticket[] = [];
  for (let i = 0; i < shoppers.length; i += 100) {
    const chunk = shoppers.slice(i, i + 100);
    const results = await Promise.all(chunk.map((s) => joinQueue(ctx, sku, s, { now })));
    for (const r of results) {
      if (!r.ok) throw new Error(`join refused: ${r.reason}`);
      tickets.push(r.ticket);
    }
  }
  return tickets;
}

/** Every shopper's ticket, read at `now` (far enough on, every one admitted). */
async function readAll(ctx: StoreContext, sku: string, shoppers: string[], now: number) {
  return Promise.all(
    shoppers.map(async (s) => {
      const t = await readTicket(ctx, sku, s, now);
      if (!t) throw new Error('ticket lost');
      return t;
    }),
  );
}

const admissionOrder = (tickets: Ticket[]) =>
  [...tickets]
    .sort((a, b) => Date.parse(a.admittedAt!) - Date.parse(b.admittedAt!))
    .map((t) => t.id);

/** A context of its own on the same store: another instance, or this one after a restart. */
const instance = () => createStoreContext(parseConfig({ ...process.env, READ_CACHE_MS: '0' }));

describe('fair order', () => {
  it('1,000 tickets before the start are admitted in the order the verifier recomputes', async () => {
    const start = Date.now() + HOUR;
    const sku = await queuedProduct(start);
    const ctx = appContext();
    const shoppers = Array.from({ length: 1000 }, newShopperId);
    const joined = await joinAll(ctx, sku, shoppers, start - 60_000);
    expect(joined.every((t) => t.rank === null)).toBe(true);
    expect((await queueTickets(ctx, sku)) === 'not_revealed').toBe(true);

    await settledView(ctx, sku, start + 1);
    const published = await queueTickets(ctx, sku);
    if (typeof published !== 'object') throw new Error('not published');
    const check = verifyOrder(published);
    expect(check.seedMatches).toBe(true);
    expect(check.orderMatches).toBe(true);
    expect(new Set(published.tickets)).toEqual(new Set(joined.map((t) => t.id)));

    const tickets = await readAll(ctx, sku, shoppers, start + HOUR);
    const expected = rankTickets(
      published.seed,
      joined.map((t) => t.id),
    );
    expect(admissionOrder(tickets)).toEqual(expected);
    // Nobody admitted twice: ranks are 1..1000 once each, turns strictly one after another.
    expect(tickets.map((t) => t.rank).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i + 1),
    );
    expect(new Set(tickets.map((t) => t.admittedAt)).size).toBe(1000);
  });

  it('1,000 tickets after the start are admitted in arrival order', async () => {
    const start = Date.now() - HOUR;
    const sku = await queuedProduct(start);
    const ctx = appContext();
    const shoppers = Array.from({ length: 1000 }, newShopperId);
    const arrive = Date.now();
    for (const [i, s] of shoppers.entries()) {
      const r = await joinQueue(ctx, sku, s, { now: arrive + i });
      expect(r.ok && r.ticket.rank).toBe(i + 1);
    }
    const tickets = await readAll(ctx, sku, shoppers, arrive + HOUR);
    const inArrival = tickets.map((t) => t.id);
    expect(admissionOrder(tickets)).toEqual(inArrival);
    expect(new Set(tickets.map((t) => t.admittedAt)).size).toBe(1000);
  });

  it('a crowd joining at once gets each rank once; one session joining twice gets one ticket', async () => {
    const sku = await queuedProduct(Date.now() - HOUR);
    const ctx = appContext();
    const shoppers = Array.from({ length: 500 }, newShopperId);
    const tickets = await joinAll(ctx, sku, shoppers, Date.now());
    expect(tickets.map((t) => t.rank).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    const one = newShopperId();
    const twice = await Promise.all(
      Array.from({ length: 20 }, () => joinQueue(ctx, sku, one, { now: Date.now() })),
    );
    const ids = new Set(twice.map((r) => (r.ok ? r.ticket.id : r.reason)));
    expect(ids.size).toBe(1);
    expect((await queueAdmin(ctx, sku))?.status.tickets).toBe(501);
  });

  it('the reveal runs exactly once whichever instances race for it', async () => {
    const start = Date.now() + HOUR;
    const sku = await queuedProduct(start);
    await joinAll(appContext(), sku, Array.from({ length: 200 }, newShopperId), start - 1000);
    const instances = Array.from({ length: 6 }, instance);
    try {
      const revealed = await Promise.all(instances.map((c) => revealQueue(c, sku, start + 5)));
      expect(revealed.filter(Boolean)).toHaveLength(1);
      const again = await Promise.all(instances.map((c) => revealQueue(c, sku, start + 10)));
      expect(again.some(Boolean)).toBe(false);
    } finally {
      await Promise.all(instances.map(closeStoreContext));
    }
  });

  it('restarting every instance loses no place', async () => {
    const start = Date.now() + HOUR;
    const sku = await queuedProduct(start);
    const early = Array.from({ length: 100 }, newShopperId);
    const late = Array.from({ length: 50 }, newShopperId);
    const first = instance();
    const before = await joinAll(first, sku, early, start - 1000);
    await closeStoreContext(first);

    const second = instance(); // a new process: nothing in memory
    const after = await Promise.all(
      early.map((s) => joinQueue(second, sku, s, { now: start + 1 })),
    );
    expect(after.map((r) => r.ok && r.ticket.id)).toEqual(before.map((t) => t.id));
    const ranked = after.map((r) => (r.ok ? r.ticket.rank : null));
    await joinAll(second, sku, late, start + 2);
    await closeStoreContext(second);

    const third = instance();
    try {
      const tickets = await readAll(third, sku, [...early, ...late], start + 5);
      expect(tickets.slice(0, 100).map((t) => t.rank)).toEqual(ranked);
      // Joined together: ranks 101-150 in the order they landed.
      expect(
        tickets
          .slice(100)
          .map((t) => t.rank)
          .sort((a, b) => a! - b!),
      ).toEqual(Array.from({ length: 50 }, (_, i) => 101 + i));
    } finally {
      await closeStoreContext(third);
    }
  });
});

describe('admission', () => {
  it('runs at the configured rate (±5 %), follows a rate change, and stands still while paused', async () => {
    const start = Date.now() + HOUR;
    const sku = await queuedProduct(start, 100_000, 5);
    const ctx = appContext();
    const shoppers = Array.from({ length: 600 }, newShopperId);
    await joinAll(ctx, sku, shoppers, start - 1000);
    await settledView(ctx, sku, start + 1);
    await configureQueue(ctx, sku, { enabled: true, ratePerSecond: 12 }, start + 40_000);
    await pauseQueue(ctx, sku, true, start + 60_000);
    await pauseQueue(ctx, sku, false, start + 90_000);
    const times = (await readAll(ctx, sku, shoppers, start + HOUR))
      .map((t) => Date.parse(t.admittedAt!))
      .sort((a, b) => a - b);
    const between = (from: number, to: number) =>
      times.filter((t) => t >= start + from && t < start + to).length;
    const rate = (from: number, to: number) => between(from, to) / ((to - from) / 1000);
    expect(Math.abs(rate(0, 40_000) / 5 - 1)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(rate(40_000, 60_000) / 12 - 1)).toBeLessThanOrEqual(0.05);
    // The rank reached at the pause's very millisecond was admitted before it.
    expect(between(60_001, 90_000)).toBe(0);
    expect(Math.abs(rate(90_000, 100_000) / 12 - 1)).toBeLessThanOrEqual(0.05);
  });

  it('stops when nothing is left, says sold_out at once, and goes on after a restock', async () => {
    const sku = await queuedProduct(Date.now() - HOUR, 2, 1000);
    const ctx = appContext();
    const shoppers = Array.from({ length: 10 }, newShopperId);
    await joinAll(ctx, sku, shoppers, Date.now());
    const { purchase } = await import('@/lib/inventory/purchase');
    // The first two whose turn came buy the two units.
    let bought = 0;
    for (const s of shoppers) {
      const far = Date.now() + 60_000;
      if (!(await requireAdmitted(ctx, sku, s, far)).ok) continue;
      const r = await purchase({ sku, shopperId: s, quantity: 1 });
      if (r.ok && r.response.outcome === 'purchased') bought++;
      if (bought === 2) break;
    }
    expect(bought).toBe(2);
    const now = Date.now();
    const soldOut = await queueAdmin(ctx, sku, now);
    expect(soldOut?.status.state).toBe('sold_out');
    const later = await queueAdmin(ctx, sku, now + HOUR);
    expect(later?.admitted).toBe(soldOut?.admitted); // frozen: nobody admitted for nothing

    const { restock } = await import('@/lib/inventory/catalogue');
    await restock(sku, 5);
    const back = await queueAdmin(ctx, sku, Date.now());
    expect(back?.status.state).toBe('admitting');
  });

  it('refuses every purchase from a session not admitted', async () => {
    const sku = await queuedProduct(Date.now() - HOUR, 1000, 0.001);
    const ctx = appContext();
    const shoppers = Array.from({ length: 30 }, newShopperId);
    await joinAll(ctx, sku, shoppers, Date.now());
    const strangers = Array.from({ length: 10 }, newShopperId);
    const gates = await Promise.all(
      [...shoppers, ...strangers].map((s) => requireAdmitted(ctx, sku, s)),
    );
    const admitted = gates.filter((g) => g.ok).length;
    expect(admitted).toBe(1); // the newcomer of a quiet queue; the rest wait 1,000 s each
    expect(gates.slice(30).every((g) => !g.ok && g.reason === 'no_ticket')).toBe(true);
    const waiting = gates.filter((g) => !g.ok && g.reason === 'waiting');
    expect(waiting.map((g) => (g.ok ? 0 : g.position)).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 29 }, (_, i) => i + 1),
    );
    // The turn passes after the admit window.
    const first = shoppers[gates.findIndex((g) => g.ok)]!;
    const ticket = await readTicket(ctx, sku, first);
    const passed = await requireAdmitted(ctx, sku, first, Date.parse(ticket!.turnEndsAt!) + 1);
    expect(passed).toEqual({ ok: false, reason: 'turn_passed', position: 0 });
  });
});
