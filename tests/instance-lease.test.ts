// Instance numbers are leases (a key per slot with a TTL, renewed, given back on stop): live
// instances hold distinct numbers, a stopped or crashed instance's number is taken again, and a
// product created without `buckets` gets one bucket per live instance.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { resetStore } from '@/lib/inventory/demo';
import { purchase } from '@/lib/inventory/purchase';
import { closeStoreContext, createStoreContext, type StoreContext } from '@/lib/redis/client';
import { newShopperId } from './support/store';

const admin = new Redis(process.env.REDIS_URL!);
const open = new Set<StoreContext>();

/** One more app instance on this file's store (its own context: its own lease). */
function instance(env: Record<string, string> = {}): StoreContext {
  const ctx = createStoreContext(parseConfig({ ...process.env, ...env }));
  open.add(ctx);
  return ctx;
}

async function stop(ctx: StoreContext): Promise<void> {
  open.delete(ctx);
  await closeStoreContext(ctx);
}

/** The test's instances all stopped: the next test starts from no live instance. */
async function stopAll(): Promise<void> {
  await Promise.all([...open].map(stop));
}

afterAll(async () => {
  await stopAll();
  admin.disconnect();
});

const leaseKey = (ctx: StoreContext, n: number) => ctx.keys.instanceLease(n);

async function createWithout(ctx: StoreContext, extra: { buckets?: number } = {}) {
  const sku = `l-${randomBytes(4).toString('hex')}`;
  const startsAt = new Date(Date.now() - 60_000).toISOString();
  const body = { name: sku, priceCents: 100, stock: 100, limitPerShopper: 1000, startsAt };
  const { product } = await upsertProduct(sku, { ...body, ...extra }, ctx);
  return { sku, product };
}

describe('instance numbers are leases', () => {
  it('gives three instances starting at once three distinct numbers, the lowest ones', async () => {
    const [a, b, c] = [instance(), instance(), instance()];
    const numbers = await Promise.all([a, b, c].map((ctx) => ctx.instance.number()));
    expect([...numbers].sort()).toEqual([0, 1, 2]);
    // Asked again, each keeps its own.
    expect(await Promise.all([a, b, c].map((ctx) => ctx.instance.number()))).toEqual(numbers);
    await stopAll();
  });

  it('gives a stopped instance its number back, and the next instance to start takes it', async () => {
    const [a, b, c] = [instance(), instance(), instance()];
    for (const ctx of [a, b, c]) await ctx.instance.number();
    expect(await b.instance.number()).toBe(1);
    await stop(b);
    expect(await admin.exists(leaseKey(a, 1))).toBe(0);
    const d = instance();
    expect(await d.instance.number()).toBe(1);
    expect([await a.instance.number(), await c.instance.number()]).toEqual([0, 2]);
    await stopAll();
  });

  it('after a restart, two live instances sell from different buckets of a 2-bucket product', async () => {
    const [a, b] = [instance(), instance()];
    const { sku } = await createWithout(a, { buckets: 2 });
    await purchase({ sku, shopperId: newShopperId(), quantity: 1 }, a);
    await purchase({ sku, shopperId: newShopperId(), quantity: 1 }, b);
    // b restarts: the instance that replaces it must not prefer a's bucket.
    await stop(b);
    const replacement = instance();
    await purchase({ sku, shopperId: newShopperId(), quantity: 1 }, replacement);
    await purchase({ sku, shopperId: newShopperId(), quantity: 1 }, a);
    const buckets = await admin.mget(a.keys.bucket(sku, 0), a.keys.bucket(sku, 1));
    expect(buckets.map(Number)).toEqual([48, 48]);
    await stopAll();
  });

  it('frees a crashed instance’s number when its lease expires, and renews a live one', async () => {
    const short = { INSTANCE_LEASE_MS: '300' };
    const [live, crashed] = [instance(short), instance(short)];
    expect(await live.instance.number()).toBe(0);
    expect(await crashed.instance.number()).toBe(1);
    // A crash: the process is gone without giving its number back.
    crashed.store.disconnect();
    const early = instance();
    expect(await early.instance.number()).toBe(2);
    await expect
      .poll(() => admin.exists(leaseKey(live, 1)), { timeout: 5000, interval: 50 })
      .toBe(0);
    const late = instance();
    expect(await late.instance.number()).toBe(1);
    // The live instance outlived its 300 ms TTL: its renewals kept number 0 its own.
    expect(await live.instance.number()).toBe(0);
    expect(await admin.pttl(leaseKey(live, 0))).toBeGreaterThan(0);
    await stopAll();
  });

  it('moves to a free number when its slot was taken over while it could not renew', async () => {
    const moved = instance({ INSTANCE_LEASE_MS: '300' });
    expect(await moved.instance.number()).toBe(0);
    // Another holder's token in its slot (its lease expired and another instance took it).
    await admin.set(leaseKey(moved, 0), 'another-instance', 'PX', 60_000);
    await expect.poll(() => moved.instance.number(), { timeout: 5000, interval: 50 }).toBe(1);
    expect(await admin.get(leaseKey(moved, 0))).toBe('another-instance');
    await admin.del(leaseKey(moved, 0));
    await stopAll();
  });

  it('keeps the live leases through a reset', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.instance.number(), b.instance.number()]);
    await resetStore(a);
    expect(await admin.exists(leaseKey(a, 0), leaseKey(a, 1))).toBe(2);
    await stopAll();
  });
});

describe('the bucket count of a product created without one', () => {
  it('is one bucket per live instance', async () => {
    const [a, b, c] = [instance(), instance(), instance()];
    await Promise.all([a, b, c].map((ctx) => ctx.instance.number()));
    expect((await createWithout(a)).product.buckets).toBe(3);
    await stop(c);
    expect((await createWithout(b)).product.buckets).toBe(2);
    await stopAll();
  });

  it('is one when no instance holds a lease (a script), STOCK_BUCKETS when set', async () => {
    const script = instance();
    expect((await createWithout(script)).product.buckets).toBe(1);
    const [a, b] = [instance(), instance()];
    await Promise.all([a.instance.number(), b.instance.number()]);
    expect((await createWithout(instance({ STOCK_BUCKETS: '5' }))).product.buckets).toBe(5);
    await stopAll();
  });

  it('gives way to an explicit count, and an edit without one keeps the stored count', async () => {
    const [a, b] = [instance(), instance()];
    await Promise.all([a.instance.number(), b.instance.number()]);
    const { sku, product } = await createWithout(a, { buckets: 7 });
    expect(product.buckets).toBe(7);
    const body = { name: 'renamed', priceCents: 100, stock: 0, limitPerShopper: 1000 };
    expect((await upsertProduct(sku, body, a)).product).toMatchObject({
      name: 'renamed',
      buckets: 7,
    });
    await stopAll();
  });
});
