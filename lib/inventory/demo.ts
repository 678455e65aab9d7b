import { appContext, unlinkMatching, type StoreContext } from '@/lib/redis/client';
import { isInstanceLease } from '@/lib/redis/instance-lease';
import { availableParallelism } from 'node:os';
import type { ProductBody } from '@/lib/api-schemas';
import { LIMITS } from '@/lib/limits';
import { configureQueue } from '@/lib/queue/settings';
import { upsertProduct } from './catalogue';
import { gradientPng, type Rgb } from './demo-png';
import { saveImage } from './image';
import { stockChanged } from './stock-events';

const MINUTE = 60_000;

/**
 * The hot item's stock buckets, chosen for the machine: the default serving runs one instance per
 * core, so one bucket per core (at least two, to show the split) keeps them from conflicting.
 */
const HOT_BUCKETS = Math.min(LIMITS.buckets, Math.max(2, availableParallelism()));

/**
 * The demo catalogue: three live products and one whose sale starts a few minutes later. The
 * headphones sell in plain mode (one transaction per buyer), so the log shows raw conflicts next
 * to the coalesced sales of the others; the sneaker is the hot item, its stock in buckets. The
 * scheduled hoodie sells through a waiting room (QUEUED_DEMO), open from the first start.
 */
export function demoCatalogue(now = Date.now()): [string, ProductBody][] {
  const live = new Date(now - MINUTE).toISOString();
  return [
    [
      'neon-sneaker',
      {
        name: 'Neon Sneaker',
        priceCents: 12900,
        stock: 100,
        limitPerShopper: 2,
        startsAt: live,
        buckets: HOT_BUCKETS,
      },
    ],
    [
      'aurora-headphones',
      {
        name: 'Aurora Headphones',
        priceCents: 24900,
        stock: 40,
        limitPerShopper: 1,
        startsAt: live,
        purchaseMode: 'plain',
      },
    ],
    [
      'comet-backpack',
      { name: 'Comet Backpack', priceCents: 8900, stock: 250, limitPerShopper: 3, startsAt: live },
    ],
    [
      'midnight-hoodie',
      {
        name: 'Midnight Hoodie',
        priceCents: 6900,
        stock: 60,
        limitPerShopper: 2,
        startsAt: new Date(now + 5 * MINUTE).toISOString(),
      },
    ],
  ];
}

/**
 * The demo products that sell through a waiting room: its pre-queue opens at once (the sale starts
 * in 5 minutes, the queue opens 10 minutes before), so a newcomer meets it on the first start.
 */
export const QUEUED_DEMO: ReadonlySet<string> = new Set(['midnight-hoodie']);

/** The demo products' own pictures: a gradient each, in the colours of the product. */
const DEMO_COLOURS: Record<string, [string, string]> = {
  'neon-sneaker': ['2563eb', '10b981'],
  'aurora-headphones': ['7c3aed', 'ec4899'],
  'comet-backpack': ['ea580c', 'facc15'],
  'midnight-hoodie': ['0f172a', '475569'],
};

/** "2563eb" → [37, 99, 235]. */
function rgb(hex: string): Rgb {
  const channel = (i: number) => parseInt(hex.slice(i, i + 2), 16);
  return [channel(0), channel(2), channel(4)];
}

async function loadDemo(ctx: StoreContext): Promise<void> {
  for (const [sku, input] of demoCatalogue()) {
    await upsertProduct(sku, input, ctx);
    if (QUEUED_DEMO.has(sku)) await configureQueue(ctx, sku, { enabled: true });
    const colours = DEMO_COLOURS[sku];
    if (colours) {
      const picture = gradientPng(480, 270, rgb(colours[0]), rgb(colours[1]));
      await saveImage(sku, picture, 'image/png', ctx);
    }
  }
}

/** Loads the demo catalogue once per prefix (first run); true when it did. */
export async function seedIfFirstRun(ctx: StoreContext = appContext()): Promise<boolean> {
  const { store, keys } = ctx;
  const first = await store.set(keys.seeded, new Date().toISOString(), 'NX');
  if (first !== 'OK') return false;
  await loadDemo(ctx);
  return true;
}

/**
 * Removes every key of this prefix (products, orders, log, stats) but the live instances' leases,
 * their published metrics and the admin sessions, and loads the demo catalogue: the admin who
 * reset stays logged in.
 */
export async function resetStore(ctx: StoreContext = appContext()): Promise<void> {
  const { store, keys } = ctx;
  const lease = isInstanceLease(keys);
  const kept = (key: string) =>
    lease(key) || key.startsWith(keys.adminKeys) || key === keys.metrics;
  await unlinkMatching(ctx, keys.everything, kept);
  await stockChanged(ctx);
  await store.set(keys.seeded, new Date().toISOString());
  await loadDemo(ctx);
}
