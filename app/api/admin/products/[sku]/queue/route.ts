import { handle } from '@/lib/http/handler';
import { notFound, requireAdmin, skuParam } from '@/lib/http/guards';
import { readJson } from '@/lib/http/request';
import { json } from '@/lib/http/responses';
import { queueSettingsBodySchema } from '@/lib/api-schemas';
import { queueAdmin } from '@/lib/queue/admin';
import { configureQueue } from '@/lib/queue/settings';
import { appContext } from '@/lib/redis/client';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The waiting room as the admin's panel shows it. */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const body = await queueAdmin(appContext(), await skuParam(ctx.params));
  if (!body) throw notFound();
  return json(body);
});

/** Switches the waiting room on or off and sets its settings (a rate change re-anchors). */
export const PUT = handle(async (request: Request, ctx: { params: Promise<{ sku: string }> }) => {
  await requireAdmin(request);
  const sku = await skuParam(ctx.params);
  const input = await readJson(request, queueSettingsBodySchema);
  const store = appContext();
  if ((await configureQueue(store, sku, input)) === 'not_found') throw notFound();
  const body = await queueAdmin(store, sku);
  if (!body) throw notFound();
  return json(body);
});
