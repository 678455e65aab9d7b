import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { joinQueue } from '@/lib/queue/join';
import { configureQueue } from '@/lib/queue/settings';
import { requireAdmitted } from '@/lib/queue/ticket';
import { appContext, closeStoreContext, createStoreContext } from '@/lib/redis/client';
import { configureApp } from './support/app-config';
import { newShopperId } from './support/store';

// A long cache lifetime: only events (and the gate's own checks) may refresh what it knows.
configureApp({ READ_CACHE_MS: '60000' });

async function queued(ratePerSecond: number) {
  const sku = `g-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await upsertProduct(sku, {
    name: sku,
    priceCents: 100,
    stock: 100,
    limitPerShopper: 1,
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
  });
  await configureQueue(appContext(), sku, { enabled: true, ratePerSecond });
  return sku;
}

/** Waits until `check` holds (no fixed sleep), up to 10 s. */
async function until(check: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in 10 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the purchase gate and its cache', () => {
  it('lets a newcomer admitted at once through, though its view was cached before the join', async () => {
    const sku = await queued(0.001);
    const ctx = appContext();
    expect(await requireAdmitted(ctx, sku, newShopperId())).toMatchObject({ reason: 'no_ticket' });
    const shopper = newShopperId();
    const joined = await joinQueue(ctx, sku, shopper);
    expect(joined.ok && joined.ticket.admittedAt).toBeTruthy();
    expect(await requireAdmitted(ctx, sku, shopper)).toEqual({ ok: true });
    const next = newShopperId();
    await joinQueue(ctx, sku, next);
    expect(await requireAdmitted(ctx, sku, next)).toEqual({
      ok: false,
      reason: 'waiting',
      position: 1,
    });
  });

  it("follows another instance's rate change at once (a queue event), not after its lifetime", async () => {
    const sku = await queued(0.001);
    const ctx = appContext();
    await joinQueue(ctx, sku, newShopperId());
    const waiting = newShopperId();
    await joinQueue(ctx, sku, waiting);
    expect((await requireAdmitted(ctx, sku, waiting)).ok).toBe(false);
    const other = createStoreContext(parseConfig({ ...process.env, READ_CACHE_MS: '60000' }));
    try {
      await configureQueue(other, sku, { enabled: true, ratePerSecond: 1000 });
      await until(async () => (await requireAdmitted(ctx, sku, waiting)).ok);
      // Switched off elsewhere: everyone may buy again, first-come.
      await configureQueue(other, sku, { enabled: false });
      await until(async () => (await requireAdmitted(ctx, sku, newShopperId())).ok);
    } finally {
      await closeStoreContext(other);
    }
  });
});
