import { describe, expect, it } from 'vitest';
import { GET as adminQueue, PUT as configure } from '@/app/api/admin/products/[sku]/queue/route';
import { POST as pause } from '@/app/api/admin/products/[sku]/queue/pause/route';
import { POST as resume } from '@/app/api/admin/products/[sku]/queue/resume/route';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { POST as holdRoute } from '@/app/api/products/[sku]/holds/route';
import { GET as productRoute } from '@/app/api/products/[sku]/route';
import { GET as challengeRoute } from '@/app/api/products/[sku]/queue/challenge/route';
import { POST as joinRoute } from '@/app/api/products/[sku]/queue/join/route';
import { GET as statusRoute } from '@/app/api/products/[sku]/queue/route';
import { GET as ticketRoute } from '@/app/api/products/[sku]/queue/ticket/route';
import { GET as ticketsRoute } from '@/app/api/products/[sku]/queue/tickets/route';
import type { QueueAdmin, QueueChallenge, QueueStatus, Ticket } from '@/lib/api-types';
import { solveChallenge, solves } from '@/lib/queue/pow';
import { seedHashOf } from '@/lib/queue/rank.mjs';
import { configureApp } from './support/app-config';
import { adminCookie, params, req, shopperCookie } from './support/http';
import { createHoldProduct } from './support/holds';
import { createProduct } from './support/store';

// Every public read straight from the store: each call sees the last write.
configureApp({ READ_CACHE_MS: '0', PURCHASE_RATE_POINTS: '1000' });

const path = (sku: string, rest = '') => `/api/products/${sku}/queue${rest}`;

async function switchOn(sku: string, settings: Record<string, unknown> = {}) {
  const cookie = await adminCookie();
  const res = await configure(
    req(`/api/admin/products/${sku}/queue`, {
      method: 'PUT',
      headers: { cookie },
      json: { enabled: true, ...settings },
    }),
    params(sku),
  );
  expect(res.status).toBe(200);
  return { cookie, body: (await res.json()) as QueueAdmin };
}

const status = async (sku: string) =>
  (await (await statusRoute(req(path(sku)), params(sku))).json()) as QueueStatus;

const join = (sku: string, cookie: string, json: unknown = {}) =>
  joinRoute(req(path(sku, '/join'), { method: 'POST', headers: { cookie }, json }), params(sku));

const buy = (sku: string, cookie: string) =>
  purchaseRoute(
    req(`/api/products/${sku}/purchase`, { method: 'POST', headers: { cookie } }),
    params(sku),
  );

describe('waiting room routes', () => {
  it('is off until switched on; then public, cacheable, and the product says so', async () => {
    const sku = await createProduct(5);
    expect((await status(sku)).state).toBe('off');
    const { body } = await switchOn(sku, { ratePerSecond: 0.02 });
    expect(body.enabled).toBe(true);
    const res = await statusRoute(req(path(sku)), params(sku));
    expect(res.headers.get('cache-control')).toMatch(/public, .*s-maxage=/);
    expect(res.headers.get('etag')).toBeTruthy();
    const s = (await res.json()) as QueueStatus;
    expect(s).toMatchObject({ sku, state: 'admitting', seed: expect.any(String) });
    expect(s.seedHash).toBe(seedHashOf(s.seed!));
    const product = (await (
      await productRoute(req(`/api/products/${sku}`), params(sku))
    ).json()) as {
      queue: boolean;
    };
    expect(product.queue).toBe(true);
    const missing = await statusRoute(req(path('no-such')), params('no-such'));
    expect(missing.status).toBe(404);
  });

  it('one ticket per session; admitted buys, the next in line is refused with its position', async () => {
    const sku = await createProduct(5);
    await switchOn(sku, { ratePerSecond: 0.02 });
    const first = await shopperCookie();
    const second = await shopperCookie();
    const stranger = await shopperCookie();

    const a = await join(sku, first);
    expect(a.status).toBe(200);
    const { ticket } = (await a.json()) as { ticket: Ticket };
    expect(ticket.rank).toBe(1);
    // The sale started a minute ago at one per 50 s: the first newcomer finds credit and goes in.
    expect(ticket.admittedAt).not.toBeNull();
    const again = (await (await join(sku, first)).json()) as { ticket: Ticket };
    expect(again.ticket.id).toBe(ticket.id);

    const b = (await (await join(sku, second)).json()) as { ticket: Ticket };
    expect(b.ticket.rank).toBe(2);
    expect(b.ticket.admittedAt).toBeNull();

    expect((await buy(sku, first)).status).toBe(200);
    const waiting = await buy(sku, second);
    expect(waiting.status).toBe(403);
    expect(await waiting.json()).toMatchObject({
      error: { code: 'not_admitted' },
      reason: 'waiting',
      position: 1,
    });
    const none = await buy(sku, stranger);
    expect(await none.json()).toMatchObject({ reason: 'no_ticket', position: null });

    const own = await ticketRoute(
      req(path(sku, '/ticket'), { headers: { cookie: first } }),
      params(sku),
    );
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect(((await own.json()) as { ticket: Ticket }).ticket.id).toBe(ticket.id);
    const noTicket = await ticketRoute(
      req(path(sku, '/ticket'), { headers: { cookie: stranger } }),
      params(sku),
    );
    expect(noTicket.status).toBe(404);

    const tickets = await ticketsRoute(req(path(sku, '/tickets')), params(sku));
    expect(await tickets.json()).toMatchObject({ tickets: [] }); // nobody joined before the start
  });

  it('gates holds like purchases: the admitted session holds, the next in line is refused', async () => {
    const sku = await createHoldProduct(5);
    await switchOn(sku, { ratePerSecond: 0.02 });
    const first = await shopperCookie();
    const second = await shopperCookie();
    const hold = (cookie: string) =>
      holdRoute(
        req(`/api/products/${sku}/holds`, { method: 'POST', headers: { cookie } }),
        params(sku),
      );
    expect((await join(sku, first)).status).toBe(200);
    expect((await join(sku, second)).status).toBe(200);
    const held = await hold(first);
    expect(held.status).toBe(200);
    expect(await held.json()).toMatchObject({ outcome: 'held' });
    const waiting = await hold(second);
    expect(waiting.status).toBe(403);
    expect(await waiting.json()).toMatchObject({
      error: { code: 'not_admitted' },
      reason: 'waiting',
      position: 1,
    });
  });

  it('says sold_out at once when nothing is left, and refuses new joins', async () => {
    const sku = await createProduct(1);
    await switchOn(sku);
    const cookie = await shopperCookie();
    expect((await join(sku, cookie)).status).toBe(200);
    expect((await buy(sku, cookie)).status).toBe(200);
    expect((await status(sku)).state).toBe('sold_out');
    const late = await join(sku, await shopperCookie());
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({
      error: { code: 'queue_not_open' },
      state: 'sold_out',
    });
  });

  it('pause and resume through the admin; the panel counts waiting and admitted', async () => {
    const sku = await createProduct(5);
    const { cookie } = await switchOn(sku, { ratePerSecond: 0.02 });
    await join(sku, await shopperCookie());
    await join(sku, await shopperCookie());
    const paused = await pause(
      req(`/api/admin/products/${sku}/queue/pause`, { method: 'POST', headers: { cookie } }),
      params(sku),
    );
    expect(((await paused.json()) as QueueAdmin).status.state).toBe('paused');
    const resumed = await resume(
      req(`/api/admin/products/${sku}/queue/resume`, { method: 'POST', headers: { cookie } }),
      params(sku),
    );
    expect(((await resumed.json()) as QueueAdmin).status.state).toBe('admitting');
    const panel = (await (
      await adminQueue(
        req(`/api/admin/products/${sku}/queue`, { headers: { cookie } }),
        params(sku),
      )
    ).json()) as QueueAdmin;
    expect(panel).toMatchObject({ admitted: 1, waiting: 1, active: 1, enabled: true });
    const anonymous = await adminQueue(req(`/api/admin/products/${sku}/queue`), params(sku));
    expect(anonymous.status).toBe(401);
  });

  it('asks for a proof of work when set, and checks it', async () => {
    const sku = await createProduct(5);
    await switchOn(sku, { powDifficulty: 8 });
    const cookie = await shopperCookie();
    const missing = await join(sku, cookie);
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: 'pow_required' } });
    const got = await challengeRoute(
      req(path(sku, '/challenge'), { headers: { cookie } }),
      params(sku),
    );
    const { challenge, difficulty } = (await got.json()) as QueueChallenge;
    expect(difficulty).toBe(8);
    // A nonce that does not solve it (most do not: 255 in 256 at 8 bits).
    let wrong = 0;
    while (solves(challenge, `x${wrong}`, 8)) wrong++;
    const bad = await join(sku, cookie, { nonce: `x${wrong}` });
    expect(bad.status).toBe(403);
    expect(await bad.json()).toMatchObject({ error: { code: 'pow_invalid' } });
    const solution = solveChallenge(challenge, 8);
    // Another session's challenge is its own: this solution is refused there, unless (1 in 256)
    // it solves that one too, which the test then sees and accepts for what it is.
    const otherCookie = await shopperCookie();
    const otherChallenge = (await (
      await challengeRoute(
        req(path(sku, '/challenge'), { headers: { cookie: otherCookie } }),
        params(sku),
      )
    ).json()) as QueueChallenge;
    expect(otherChallenge.challenge).not.toBe(challenge);
    const other = await join(sku, otherCookie, { nonce: solution });
    expect(other.status).toBe(solves(otherChallenge.challenge, solution, 8) ? 200 : 403);
    const ok = await join(sku, cookie, { nonce: solution });
    expect(ok.status).toBe(200);
  });
});

describe('the demo', () => {
  it("the scheduled product's waiting room is open from the first start", async () => {
    const { resetStore, QUEUED_DEMO } = await import('@/lib/inventory/demo');
    await resetStore();
    for (const sku of QUEUED_DEMO) {
      const s = await status(sku);
      expect(s.state).toBe('open');
      expect(s.seedHash).toMatch(/^[0-9a-f]{64}$/);
      expect(s.seed).toBeNull();
    }
    expect((await status('neon-sneaker')).state).toBe('off');
  });
});
