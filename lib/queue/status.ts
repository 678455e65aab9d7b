import { toPublicBody, type PublicBody } from '@/lib/http/public-json';
import { readCache } from '@/lib/read-cache';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { revealQueue } from './reveal';
import { syncAdmission } from './settings';
import { needsReveal, needsSync, readView, statusOf, type QueueView } from './view';

/**
 * The waiting room as it stands, with what is due done first: the reveal once the start has come
 * by the store's clock (any instance; exactly once by its watched transaction), and admission
 * frozen or resumed when the stock ran out or came back. Four O(1) reads and TIME when nothing is
 * due. `now` (tests that play a timeline) stands in for the store's clock.
 */
export async function settledView(
  ctx: StoreContext,
  sku: string,
  now?: number,
): Promise<QueueView> {
  const read = async () => {
    const view = await readView(ctx, sku);
    return now === undefined ? view : { ...view, at: now };
  };
  let view = await read();
  if (needsReveal(view, view.at)) {
    await revealQueue(ctx, sku, now);
    view = await read();
  }
  if (needsSync(view)) {
    await syncAdmission(ctx, sku, now);
    view = await read();
  }
  return view;
}

/**
 * The settled view from this instance's read cache (READ_CACHE_MS; emptied by every stock event,
 * which queue writes publish too): at most that old, and standing at the store's time of its read.
 */
export async function currentView(ctx: StoreContext, sku: string): Promise<QueueView> {
  return readCache(ctx).read(`d:queue:${sku}`, () => settledView(ctx, sku));
}

/**
 * `GET /api/products/{sku}/queue` as sent: serialised once per cache lifetime and instance, so a
 * crowd of waiting pages costs what one does; undefined for an unknown product.
 */
export function queueStatusBody(
  sku: string,
  ctx: StoreContext = appContext(),
): Promise<PublicBody | undefined> {
  return readCache(ctx).read(`b:queue:${sku}`, async () => {
    const view = await currentView(ctx, sku);
    return view.product && toPublicBody(statusOf(sku, view, view.at));
  });
}
