import { toPublicBody, type PublicBody } from '@/lib/http/public-json';
import { readCache } from '@/lib/read-cache';
import { appContext, type StoreContext } from '@/lib/redis/client';
import { revealQueue } from './reveal';
import { syncAdmission } from './settings';
import { needsReveal, needsSync, readView, statusOf, type QueueView } from './view';

/**
 * The waiting room as it stands, with what is due done first: the reveal once the start has come
 * (any instance; exactly once by its watched transaction), and admission frozen or resumed when
 * the stock ran out or came back. Four O(1) reads when nothing is due.
 */
export async function settledView(
  ctx: StoreContext,
  sku: string,
  now = Date.now(),
): Promise<QueueView> {
  let view = await readView(ctx, sku);
  if (needsReveal(view, now)) {
    await revealQueue(ctx, sku, now);
    view = await readView(ctx, sku);
  }
  if (needsSync(view)) {
    await syncAdmission(ctx, sku, now);
    view = await readView(ctx, sku);
  }
  return view;
}

/**
 * The settled view from this instance's read cache (READ_CACHE_MS; emptied by every stock event,
 * which queue writes publish too), read afresh when the start has passed since it was read.
 */
export async function currentView(
  ctx: StoreContext,
  sku: string,
  now = Date.now(),
): Promise<QueueView> {
  const view = await readCache(ctx).read(`d:queue:${sku}`, () => settledView(ctx, sku));
  return needsReveal(view, now) ? settledView(ctx, sku, now) : view;
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
    const now = Date.now();
    const view = await currentView(ctx, sku, now);
    return view.product && toPublicBody(statusOf(sku, view, now));
  });
}
