// Purchases are limited per shopper session first, with a per-address ceiling far above it: a crowd
// behind one address (an office, a carrier's NAT) can buy, one session hammering is limited, and
// minting sessions stays limited per address.
import { describe, expect, it } from 'vitest';
import { POST as purchaseRoute } from '@/app/api/products/[sku]/purchase/route';
import { POST as startSession } from '@/app/api/session/route';
import { ensureShopper } from '@/lib/auth/shopper-session';
import { params, randomPeer, req } from './support/http';
import { auditOf, createProduct } from './support/store';

// The default allowances (30 purchases per session, 20 new sessions per address) and a ceiling per
// address this file can reach; windows long enough that none ends while a test runs.
process.env.PURCHASE_ADDRESS_RATE_POINTS = '300';
process.env.PURCHASE_RATE_WINDOW_S = '3600';
process.env.SESSION_RATE_WINDOW_S = '3600';

/** A shopper cookie as a browser holds it after its own POST /api/session (made at any time). */
async function sessionCookie(): Promise<string> {
  return (await ensureShopper(undefined, false)).setCookie.split(';')[0]!;
}

const buy = (sku: string, peer: string, cookie: string) =>
  purchaseRoute(
    req(`/api/products/${sku}/purchase`, { method: 'POST', peer, headers: { cookie } }),
    params(sku),
  );

async function messageOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: { message: string } }).error.message;
}

describe('purchase limits behind one address', () => {
  it('200 honest sessions behind one address each buy once; one session hammering is limited; the address has a ceiling', async () => {
    const sku = await createProduct(1000, 1);
    const peer = randomPeer();

    const crowd = await Promise.all(Array.from({ length: 200 }, () => sessionCookie()));
    const answers = await Promise.all(crowd.map((cookie) => buy(sku, peer, cookie)));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    expect((await auditOf(sku)).sold).toBe(200);

    // One session hammering from the same address: its 30 attempts, then 429 for this session.
    const hammer = await sessionCookie();
    const hammered: Response[] = [];
    for (let i = 0; i < 40; i++) hammered.push(await buy(sku, peer, hammer));
    expect(hammered.slice(0, 30).every((r) => r.status !== 429)).toBe(true);
    expect(hammered.slice(30).every((r) => r.status === 429)).toBe(true);
    expect(Number(hammered[30]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await messageOf(hammered[30]!)).toMatch(/from this session/);

    // The address has spent 230 of its 300: of 100 more sessions, 70 buy and 30 meet the ceiling.
    const more = await Promise.all(Array.from({ length: 100 }, () => sessionCookie()));
    const late = await Promise.all(more.map((cookie) => buy(sku, peer, cookie)));
    expect(late.filter((r) => r.status === 200)).toHaveLength(70);
    const ceiling = late.filter((r) => r.status === 429);
    expect(ceiling).toHaveLength(30);
    expect(await messageOf(ceiling[0]!)).toMatch(/from this address/);

    // Another address is not held back by this one's ceiling.
    expect((await buy(sku, randomPeer(), await sessionCookie())).status).toBe(200);
  });

  it('minting sessions stays limited per address (SESSION_RATE_POINTS, 20 by default)', async () => {
    const peer = randomPeer();
    const minted = await Promise.all(
      Array.from({ length: 30 }, () => startSession(req('/api/session', { method: 'POST', peer }))),
    );
    const statuses = minted.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });
});
