import { shared, unlinkMatching } from '@/lib/redis/client';
import { upsertProduct, type ProductInput } from './catalogue';
import { announceStockChange } from './sold-out-cache';

const MINUTE = 60_000;

/** The demo catalogue: three live products and one whose sale starts a few minutes later. */
export function demoCatalogue(now = Date.now()): [string, ProductInput][] {
  const live = new Date(now - MINUTE).toISOString();
  return [
    [
      'neon-sneaker',
      { name: 'Neon Sneaker', priceCents: 12900, stock: 100, limitPerShopper: 2, startsAt: live },
    ],
    [
      'aurora-headphones',
      {
        name: 'Aurora Headphones',
        priceCents: 24900,
        stock: 40,
        limitPerShopper: 1,
        startsAt: live,
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

async function loadDemo(): Promise<void> {
  for (const [sku, input] of demoCatalogue()) await upsertProduct(sku, input);
}

/** Loads the demo catalogue once per prefix (first run); true when it did. */
export async function seedIfFirstRun(): Promise<boolean> {
  const { store, keys } = shared();
  const first = await store.set(keys.seeded, new Date().toISOString(), 'NX');
  if (first !== 'OK') return false;
  await loadDemo();
  return true;
}

/** Removes every key of this prefix (products, orders, log, stats) and loads the demo catalogue. */
export async function resetStore(): Promise<void> {
  const { store, keys } = shared();
  await unlinkMatching(keys.everything);
  await announceStockChange();
  await store.set(keys.seeded, new Date().toISOString());
  await loadDemo();
}
