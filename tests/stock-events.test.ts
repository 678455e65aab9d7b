// Every change of stock tells the other instances exactly once, through lib/inventory/stock-events.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restock, upsertProduct } from '@/lib/inventory/catalogue';
import { resetStore } from '@/lib/inventory/demo';
import { purchase } from '@/lib/inventory/purchase';
import { EVERY_PRODUCT } from '@/lib/inventory/stock-events';
import { appContext } from '@/lib/redis/client';
import { createProduct, newShopperId } from './support/store';

/** A marker published after a change: once it arrives, every event of the change has too. */
const SENTINEL = 'sentinel';

let listener: Redis;
let publisher: Redis;
const heard: string[] = [];

beforeAll(async () => {
  listener = new Redis(process.env.REDIS_URL!);
  publisher = new Redis(process.env.REDIS_URL!);
  listener.on('message', (_channel: string, sku: string) => void heard.push(sku));
  await listener.subscribe(appContext().keys.stockEvents);
});

afterAll(() => {
  listener.disconnect();
  publisher.disconnect();
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

/** The events `change` published for `sku`, counted once nothing of it can still be on its way. */
async function eventsOf(sku: string, change: () => Promise<unknown>): Promise<number> {
  heard.length = 0;
  await change();
  // A sale tells without waiting: its event is awaited here, then the marker closes the count.
  await until(() => heard.includes(sku));
  await publisher.publish(appContext().keys.stockEvents, SENTINEL);
  await until(() => heard.includes(SENTINEL));
  return heard.filter((s) => s === sku).length;
}

const buy = (sku: string) => purchase({ sku, shopperId: newShopperId(), quantity: 1 });

describe('stock events', () => {
  it('a sale, a restock, an edit and a reset each publish exactly one', async () => {
    const sku = await createProduct(5);
    expect(await eventsOf(sku, () => buy(sku))).toBe(1);
    expect(await eventsOf(sku, () => restock(sku, 2))).toBe(1);
    const edit = { name: 'renamed', priceCents: 1, stock: 0, limitPerShopper: 3 };
    expect(await eventsOf(sku, () => upsertProduct(sku, edit))).toBe(1);
    expect(await eventsOf(EVERY_PRODUCT, () => resetStore())).toBe(1);
  });

  it('a purchase that sells nothing publishes none', async () => {
    const sku = await createProduct(0);
    heard.length = 0;
    expect(await buy(sku)).toMatchObject({ response: { outcome: 'sold_out' } });
    await publisher.publish(appContext().keys.stockEvents, SENTINEL);
    await until(() => heard.includes(SENTINEL));
    expect(heard).not.toContain(sku);
  });
});
