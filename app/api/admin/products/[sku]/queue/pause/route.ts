import { handle } from '@/lib/http/handler';
import { notFound, requireAdmin, skuParam } from '@/lib/http/guards';
import { json } from '@/lib/http/responses';
import { queueAdmin } from '@/lib/queue/admin';
import { pauseQueue } from '@/lib/queue/settings';
import { appContext } from '@/lib/redis/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Stops admission at the count reached (a watched re-anchor). */
export const POST = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const store = appContext();
  if ((await pauseQueue(store, sku, true)) === 'not_found') throw notFound();
  const body = await queueAdmin(store, sku);
  if (!body) throw notFound();
  return json(body);
});
