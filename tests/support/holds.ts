import { randomBytes } from 'node:crypto';
import { upsertProduct } from '@/lib/inventory/catalogue';
import { noteHoldsDue } from '@/lib/holds/due-index';
import { parseHold } from '@/lib/holds/hold';
import { appContext, type StoreContext } from '@/lib/redis/client';

/** A fresh product in checkout mode `hold`, live since a minute ago. */
export async function createHoldProduct(
  stock: number,
  { limitPerShopper = 1000, holdSeconds = 300, buckets = 1, ctx = appContext() } = {},
): Promise<string> {
  const sku = `h-${randomBytes(4).toString('hex')}`;
  await upsertProduct(
    sku,
    {
      name: `Held ${sku}`,
      priceCents: 1000,
      stock,
      limitPerShopper,
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      checkoutMode: 'hold',
      holdSeconds,
      buckets,
    },
    ctx,
  );
  return sku;
}

/**
 * Makes hold `id` due now, as if its time had passed: its record's expiresAt and its score in
 * the due list move to the past, and the due index notes it (a test cannot wait minutes; the hold
 * is otherwise untouched).
 */
export async function makeDue(sku: string, id: string, ctx: StoreContext = appContext()) {
  const { store, keys } = ctx;
  const hold = parseHold(await store.get(keys.hold(sku, id)));
  if (!hold) throw new Error(`no hold ${id}`);
  const past = Date.now() - 1;
  await store
    .multi()
    .set(keys.hold(sku, id), JSON.stringify({ ...hold, expiresAt: past }))
    .zadd(keys.holdsDue(sku), past, id)
    .exec();
  await noteHoldsDue(ctx, sku, past);
}

/** Polls `check` until it is true (no fixed sleeps: the condition decides). */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
